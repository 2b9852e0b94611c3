// Reading an ICPC problem package (problem.yaml, the legacy format that Kattis' problemtools and DOMjudge
// read): limits, the default or a custom output validator, interactive and scoring problems, data/ groups.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isAirlockError } from '../../errors.js';
import { Fields } from './fields.js';
import { readData } from './icpc-data.js';
import { diffSpec, flagList } from './icpc-flags.js';
import { icpcGroups } from './icpc-groups.js';
import { readIcpcLimits } from './icpc-limits.js';
import { readIcpcProgram } from './icpc-program.js';
import { readIcpcStatement } from './icpc-statement.js';
import { resolveGroups } from './groups.js';
import type { Issues } from './issues.js';
import { packageDir } from './paths.js';
import type { CheckerSpec, Problem, ProgramRef, TestCase } from './types.js';
import { parseYaml } from './yaml.js';

const FILE = 'problem.yaml';
const KEYS = [
  'problem_format_version',
  'type',
  'name',
  'uuid',
  'author',
  'source',
  'source_url',
  'license',
  'rights_owner',
  'limits',
  'validation',
  'validator_flags',
  'grading',
  'keywords',
];

/** Read and check an ICPC package; undefined when there were errors (all of them are in `issues`). */
export function readIcpcPackage(dir: string, issues: Issues): Problem | undefined {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(join(dir, FILE), 'utf8'), FILE);
  } catch (e) {
    if (!isAirlockError(e)) throw e;
    issues.error(FILE, e.detail ?? e.message);
    return undefined;
  }
  const f = new Fields(issues, FILE);
  const o = raw === null ? {} : f.object(raw, '');
  if (!o) return undefined;
  // Archives carry keys of other tools and later versions: worth a warning, not a refusal.
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) issues.warn(`${FILE} ${k}`, 'ignored: not a key of the legacy format');
  const version = o.problem_format_version ?? 'legacy';
  if (version !== 'legacy')
    f.error('problem_format_version', `${JSON.stringify(version)} is not read; airlock reads the legacy version (2023-07 and earlier, as DOMjudge)`);
  const type = o.type ?? 'pass-fail';
  if (type !== 'pass-fail' && type !== 'scoring') f.error('type', 'must be "pass-fail" or "scoring"');
  const scoring = type === 'scoring';
  const validation = (f.string(o.validation, 'validation') ?? 'default').split(/\s+/);
  const custom = validation[0] === 'custom';
  if (!custom && validation.join(' ') !== 'default') f.error('validation', 'must be "default" or "custom" followed by "interactive" and/or "score"');
  if (custom && validation.slice(1).some((w) => w !== 'interactive' && w !== 'score'))
    f.error('validation', 'after "custom" come only "interactive" and "score"');
  if (validation.includes('score') && !scoring) f.error('validation', '"score" needs type: scoring');
  const interactive = custom && validation.includes('interactive');
  const flags = flagList(o.validator_flags) ?? (f.error('validator_flags', 'must be a string of flags'), []);

  const statement = readIcpcStatement(dir, issues);
  const limits = readIcpcLimits(dir, f, o.limits, issues);
  const validator = custom ? readValidator(dir, issues) : undefined;
  const checker: CheckerSpec | undefined = custom
    ? validator && !interactive
      ? { type: 'program', program: validator }
      : { type: 'tokens' }
    : defaultChecker(flags, f);
  if (!packageDir(dir, 'data', issues, 'data')) return undefined;
  const root = readData(dir, issues, scoring);
  const where = new Map<string, string>();
  const tests = collectTests(root, limits, { custom, flags, scored: custom && validation.includes('score') }, issues, where);
  if (tests.length === 0) issues.error('data', 'no tests: put NAME.in and NAME.ans files in data/sample/ and data/secret/');
  if (!custom)
    for (const t of tests) if (!t.answer) issues.error(where.get(t.name) ?? t.name, 'no answer file (.ans) for the default validator to compare with');
  const { groups } = resolveGroups(
    icpcGroups(root, scoring, issues),
    tests.map((t) => t.name),
    issues,
    'data',
  );
  for (const name of ['include', 'graders'])
    if (existsSync(join(dir, name)))
      issues.warn(`${name}/`, name === 'include' ? 'ignored: files are not added to submissions' : 'ignored: custom graders are not supported');
  const name = nameOf(o.name, f) ?? statement.title ?? basename(dir);
  if (issues.errors.length || !checker || (custom && !validator)) return undefined;
  return {
    dir,
    name,
    statement: statement.markdown + interactions(root),
    limits,
    checker,
    ...(interactive ? { interactor: validator } : {}),
    tests,
    groups,
    timeFactors: {},
    transcript: false,
    format: 'icpc',
  };
}

/** The default validator's comparison from validator_flags. */
function defaultChecker(flags: string[], f: Fields): CheckerSpec | undefined {
  const spec = diffSpec(flags);
  if (typeof spec === 'string') return void f.error('validator_flags', spec);
  return spec;
}

/** The one program in output_validators/ (a file or a directory). */
function readValidator(dir: string, issues: Issues): ProgramRef | undefined {
  const rel = ['output_validators', 'output_validator'].find((d) => existsSync(join(dir, d)));
  if (!rel || !packageDir(dir, rel, issues, rel)) return void issues.error('output_validators/', 'validation is custom, but there is no output validator');
  const entries = readdirSync(join(dir, rel)).filter((n) => !n.startsWith('.'));
  if (entries.length !== 1) return void issues.error(`${rel}/`, `holds ${entries.length} programs; airlock runs exactly one output validator`);
  return readIcpcProgram(dir, `${rel}/${entries[0]!}`, issues);
}

/** Tests in group order, each with what its group's testdata.yaml asks of the validator and the score; `where` maps each name to its input's path for messages. */
function collectTests(
  root: ReturnType<typeof readData>,
  limits: Problem['limits'],
  how: { custom: boolean; flags: string[]; scored: boolean },
  issues: Issues,
  where: Map<string, string>,
): TestCase[] {
  const out: TestCase[] = [];
  const visit = (n: ReturnType<typeof readData>) => {
    const own = n.settings.validatorFlags;
    const spec = !how.custom && own.length ? diffSpec([...how.flags, ...own]) : undefined;
    if (typeof spec === 'string') issues.error(`${n.settings.file} output_validator_flags`, spec);
    for (const { where: file, ...t } of n.tests) {
      if (where.has(t.name)) issues.error(file, `two tests map to this name; rename one (the other is ${where.get(t.name)!})`);
      else where.set(t.name, file);
      out.push({
        ...t,
        limits,
        ...(spec && typeof spec !== 'string' ? { checker: spec } : {}),
        ...(how.custom ? { validatorFlags: [...how.flags, ...own] } : {}),
        // Only `custom score` reads score.txt; otherwise an accepted test earns its group's accept_score whole.
        ...(how.scored ? { acceptScore: n.settings.acceptScore } : {}),
      });
    }
    n.children.forEach(visit);
  };
  visit(root);
  return out;
}

/** name: a string, or a map of language to string (English first). */
function nameOf(v: unknown, f: Fields): string | undefined {
  if (v === undefined || typeof v === 'string') return f.string(v, 'name');
  const o = f.object(v, 'name');
  const en = o?.en ?? Object.values(o ?? {})[0];
  return typeof en === 'string' && en ? en : void f.error('name', 'must be a string, or a map of language to string');
}

/** Sample interactions (.interaction files) shown after the statement, as the format wants for interactive problems. */
function interactions(root: ReturnType<typeof readData>): string {
  const all: string[] = [];
  const visit = (n: ReturnType<typeof readData>) => (all.push(...n.interactions), n.children.forEach(visit));
  visit(root);
  return all.map((text, i) => `\n## Sample interaction ${i + 1}\n\n\`\`\`\n${text.trimEnd()}\n\`\`\`\n`).join('');
}
