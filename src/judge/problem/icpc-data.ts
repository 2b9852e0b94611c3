// The test data of an ICPC package: data/sample and data/secret, nested groups in lexicographic order,
// each directory with its testdata.yaml (or its nearest ancestor's).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAirlockError } from '../../errors.js';
import { Fields } from './fields.js';
import { flagList } from './icpc-flags.js';
import type { Issues } from './issues.js';
import { TEST_NAME } from './tests.js';
import { parseYaml } from './yaml.js';

/** How a group's result is computed (testdata.yaml), with the format's defaults. */
export interface GroupSettings {
  onReject: 'break' | 'continue';
  aggregate: 'sum' | 'avg' | 'min' | 'max';
  ignoreSample: boolean;
  acceptScore: number;
  validatorFlags: string[];
  /** The testdata.yaml these came from, for messages ("" for the defaults). */
  file: string;
}

/** One test on disk: its airlock name (the path under data/ with dots), its files, and its input's path for messages. */
export interface IcpcTest {
  name: string;
  input: string;
  answer?: string;
  /** "data/secret/g1/1.in": the name an author knows the test by. */
  where: string;
}

/** A directory of data/: its own tests, its subgroups, its settings and sample interactions. */
export interface DataNode {
  rel: string;
  settings: GroupSettings;
  tests: IcpcTest[];
  children: DataNode[];
  interactions: string[];
}

const DEFAULTS: GroupSettings = { onReject: 'break', aggregate: 'sum', ignoreSample: false, acceptScore: 1, validatorFlags: [], file: '' };
const MAX_DEPTH = 8;
/** Files that sit beside tests and are not read: descriptions, hints, illustrations. */
const IGNORED = /\.(desc|hint|png|jpe?g|svg|md|txt)$/;

/** Read data/ (at `dir`/data) as a tree; every mistake goes to `issues`. */
export function readData(dir: string, issues: Issues, scoring: boolean): DataNode {
  return walk(dir, 'data', { ...DEFAULTS }, issues, scoring, 0);
}

function walk(dir: string, rel: string, inherited: GroupSettings, issues: Issues, scoring: boolean, depth: number): DataNode {
  const entries = readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const settings = entries.some((e) => e.name === 'testdata.yaml') ? readSettings(dir, `${rel}/testdata.yaml`, inherited, issues, scoring) : inherited;
  const node: DataNode = { rel, settings, tests: [], children: [], interactions: [] };
  const inputs = new Set(entries.filter((e) => e.name.endsWith('.in')).map((e) => e.name.slice(0, -3)));
  for (const e of entries) {
    const where = `${rel}/${e.name}`;
    if (e.isSymbolicLink() || (!e.isFile() && !e.isDirectory())) {
      issues.error(where, 'must be a regular file or directory (symbolic links are refused, so that a test cannot point at a host file)');
    } else if (e.isDirectory()) {
      if (depth >= MAX_DEPTH) issues.error(where, `test groups nested deeper than ${MAX_DEPTH} levels`);
      else if (depth === 0 && e.name !== 'sample' && e.name !== 'secret') issues.warn(where, 'ignored: data/ holds sample/ and secret/');
      else node.children.push(walk(dir, where, settings, issues, scoring, depth + 1));
    } else if (e.name.endsWith('.in')) {
      const base = e.name.slice(0, -3);
      const name = `${rel.slice('data/'.length)}/${base}`.replace(/\//g, '.');
      if (depth === 0) issues.error(where, 'tests go in data/sample/ or data/secret/');
      else if (!TEST_NAME.test(name)) issues.error(where, 'test names use letters, digits and . _ + - and, with their groups, at most 100 characters');
      else
        node.tests.push({
          name,
          where,
          input: join(dir, where),
          ...(entries.some((a) => a.name === `${base}.ans` && a.isFile()) ? { answer: join(dir, rel, `${base}.ans`) } : {}),
        });
    } else if (e.name.endsWith('.ans')) {
      if (!inputs.has(e.name.slice(0, -4))) issues.error(where, `an answer without an input (${e.name.slice(0, -4)}.in is missing)`);
    } else if (e.name.endsWith('.interaction')) {
      node.interactions.push(readFileSync(join(dir, where), 'utf8').slice(0, 64 * 1024));
    } else if (e.name !== 'testdata.yaml' && !IGNORED.test(e.name) && !e.name.startsWith('.')) {
      issues.warn(where, 'ignored: test files are NAME.in and NAME.ans (and .interaction, .desc, .hint, images)');
    }
  }
  return node;
}

/**
 * One testdata.yaml over its parent's settings: a key it sets replaces the parent's, a key it leaves out is
 * inherited (as problemtools reads them). Unknown keys are warnings (archives carry newer keys), unsupported values errors.
 */
function readSettings(dir: string, rel: string, inherited: GroupSettings, issues: Issues, scoring: boolean): GroupSettings {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(join(dir, rel), 'utf8'), rel);
  } catch (e) {
    if (!isAirlockError(e)) throw e;
    issues.error(rel, e.detail ?? e.message);
    return { ...inherited, file: rel };
  }
  const f = new Fields(issues, rel);
  const o = raw === null ? {} : (f.object(raw, '') ?? {});
  const known = ['on_reject', 'grading', 'grader_flags', 'input_validator_flags', 'output_validator_flags', 'accept_score', 'reject_score', 'range'];
  for (const k of Object.keys(o)) if (!known.includes(k)) issues.warn(`${rel} ${k}`, 'ignored: not a key of the legacy format');
  const s: GroupSettings = { ...inherited, file: rel };
  if (o.on_reject !== undefined) {
    if (o.on_reject === 'break' || o.on_reject === 'continue') s.onReject = o.on_reject;
    else f.error('on_reject', 'must be "break" or "continue"');
  }
  if (o.grading !== undefined && o.grading !== 'default') f.error('grading', 'custom graders are not supported (graders/ is not read); use grader_flags');
  // grader_flags is one key: set, it replaces the parent's aggregation and ignore_sample together.
  if (o.grader_flags !== undefined) Object.assign(s, { aggregate: DEFAULTS.aggregate, ignoreSample: DEFAULTS.ignoreSample });
  for (const flag of flagList(o.grader_flags) ?? (f.error('grader_flags', 'must be a string of flags'), [])) {
    if (flag === 'sum' || flag === 'avg' || flag === 'min' || flag === 'max') s.aggregate = flag;
    else if (flag === 'ignore_sample') s.ignoreSample = true;
    else if (flag !== 'first_error' && flag !== 'worst_error')
      f.error('grader_flags', `"${flag}" is not supported (supported: sum, avg, min, first_error, worst_error, ignore_sample)`);
  }
  const validator = o.output_validator_flags;
  const flags =
    typeof validator === 'object' && validator !== null && !Array.isArray(validator)
      ? flagList((validator as Record<string, unknown>).flags)
      : flagList(validator);
  if (!flags) f.error('output_validator_flags', 'must be a string of flags');
  else if (validator !== undefined) s.validatorFlags = flags;
  const accept = f.number(o.accept_score, 'accept_score', 'points', true);
  if (accept !== undefined) s.acceptScore = accept;
  if (o.reject_score !== undefined && o.reject_score !== 0) f.error('reject_score', 'only 0 is supported: a rejected test earns nothing');
  if (!scoring && (o.accept_score !== undefined || o.reject_score !== undefined || o.range !== undefined))
    issues.warn(rel, 'accept_score, reject_score and range apply to scoring problems only: ignored');
  return s;
}
