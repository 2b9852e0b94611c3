// Reading an airlock package: problem.json, statement.md, tests/NAME.in + NAME.ans (docs/problems.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languages } from '../../languages/definitions.js';
import { readChecker } from './checker.js';
import { Fields } from './fields.js';
import { resolveGroups, type GroupDraft } from './groups.js';
import type { Issues } from './issues.js';
import { applyLimits, defaultLimits, readLimits } from './limits.js';
import { packageDir, packageFile } from './paths.js';
import { readProgram } from './programs.js';
import { discoverTests, type FoundTest, naturalOrder, TEST_NAME } from './tests.js';
import type { Problem, TestCase, TestLimits } from './types.js';

const FILE = 'problem.json';
const KEYS = [
  'name',
  'statement',
  'limits',
  'checker',
  'interactor',
  'tests',
  'generator',
  'solution',
  'groups',
  'perTest',
  'timeFactors',
  'transcript',
  'publicTests',
];

/** Read and check an airlock package; undefined when there were errors (all of them are in `issues`). */
export function readAirlockPackage(dir: string, issues: Issues): Problem | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, FILE), 'utf8'));
  } catch (e) {
    issues.error(FILE, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
  const f = new Fields(issues, FILE);
  const o = f.object(raw, '');
  if (!o) return undefined;
  f.onlyKeys(o, '', KEYS);
  const name = f.string(o.name, 'name', true);
  const statementPath = packageFile(dir, f.string(o.statement, 'statement') ?? 'statement.md', issues, `${FILE} statement`);
  const limits = applyLimits(defaultLimits, readLimits(f, o.limits, 'limits'));
  const checker = readChecker(f, o.checker, dir, issues);
  const interactor = o.interactor === undefined ? undefined : readProgram(f, o.interactor, 'interactor', dir, issues, FILE);
  if (interactor && o.checker !== undefined) issues.warn(`${FILE} checker`, 'ignored: with an interactor, the interactor decides');
  const solution = o.solution === undefined ? undefined : readProgram(f, o.solution, 'solution', dir, issues, FILE);
  const gen = readGenerator(f, o.generator, dir, issues);

  const testsRel = f.string(o.tests, 'tests') ?? 'tests';
  const haveDir = o.tests !== undefined || existsSync(join(dir, testsRel)) || !gen;
  const testsAbs = haveDir ? packageDir(dir, testsRel, issues, `${FILE} tests`) : undefined;
  const found: FoundTest[] = testsAbs ? discoverTests(testsAbs, testsRel, issues) : [];
  for (const g of gen?.tests ?? []) {
    if (found.some((t) => t.name === g.name)) issues.error(`${FILE} generator.tests`, `test "${g.name}" is also a file in ${testsRel}/`);
  }
  const drafts: Array<FoundTest & { generate?: string[] }> = [...found, ...(gen?.tests ?? []).map((g) => ({ name: g.name, input: '', generate: g.args }))];
  drafts.sort((a, b) => naturalOrder(a.name, b.name));
  if (drafts.length === 0) issues.error(FILE, `no tests: put NAME.in and NAME.ans files in ${testsRel}/ or list generated tests`);
  if (!interactor && !solution && checker?.type !== 'program') {
    for (const t of drafts)
      if (!t.answer) issues.error(`${testsRel}/${t.name}.in`, `no answer (${t.name}.ans), and the package names no reference "solution" to produce it`);
  }

  const names = drafts.map((t) => t.name);
  const perTest = readPerTest(f, o.perTest, names);
  const { groups, limits: groupLimits } = resolveGroups(readGroups(f, o.groups), names, issues, FILE);
  const tests: TestCase[] = drafts.map((t) => {
    const own = perTest.get(t.name);
    return {
      ...t,
      limits: applyLimits(applyLimits(limits, groupLimits.get(t.name) ?? {}), own?.limits ?? {}),
      ...(own?.points !== undefined ? { points: own.points } : {}),
    };
  });
  const timeFactors = readTimeFactors(f, o.timeFactors, issues);
  const transcript = f.boolean(o.transcript, 'transcript') ?? false;
  const publicTests = f.boolean(o.publicTests, 'publicTests') ?? false;
  if (transcript && !interactor) issues.warn(`${FILE} transcript`, 'only interactive problems have a transcript');
  if (issues.errors.length || !name || !statementPath || !checker) return undefined;
  return {
    dir,
    name,
    ...(publicTests ? { publicTests } : {}),
    statement: readFileSync(statementPath, 'utf8'),
    limits,
    checker,
    ...(interactor ? { interactor } : {}),
    ...(gen ? { generator: gen.program } : {}),
    ...(solution ? { solution } : {}),
    tests,
    groups,
    timeFactors,
    transcript,
    format: 'airlock',
  };
}

function readGenerator(f: Fields, v: unknown, dir: string, issues: Issues) {
  const o = f.object(v, 'generator');
  if (!o) return undefined;
  const program = readProgram(f, o, 'generator', dir, issues, FILE, ['tests']);
  const tests: Array<{ name: string; args: string[] }> = [];
  for (const [i, t] of (f.list(o.tests, 'generator.tests') ?? []).entries()) {
    const at = `generator.tests[${i}]`;
    const to = f.object(t, at);
    if (!to) continue;
    f.onlyKeys(to, at, ['name', 'args']);
    const name = f.string(to.name, `${at}.name`, true);
    const args = f.strings(to.args, `${at}.args`) ?? [];
    if (name && !TEST_NAME.test(name)) f.error(`${at}.name`, 'test names use letters, digits and . _ + - (not first)');
    else if (name && tests.some((x) => x.name === name)) f.error(`${at}.name`, `"${name}" is listed twice`);
    else if (name) tests.push({ name, args });
  }
  if (tests.length === 0) f.error('generator.tests', 'list the tests to generate: [{"name": "big1", "args": ["100000"]}]');
  return program ? { program, tests } : undefined;
}

function readPerTest(f: Fields, v: unknown, names: string[]) {
  const out = new Map<string, { limits: Partial<TestLimits>; points?: number }>();
  for (const [name, entry] of Object.entries(f.object(v, 'perTest') ?? {})) {
    const at = `perTest.${name}`;
    if (!names.includes(name)) f.error(at, 'no test has this name');
    const o = f.object(entry, at);
    if (!o) continue;
    f.onlyKeys(o, at, ['limits', 'points']);
    const points = f.number(o.points, `${at}.points`, 'points', true);
    out.set(name, { limits: readLimits(f, o.limits, `${at}.limits`), ...(points !== undefined ? { points } : {}) });
  }
  return out;
}

function readGroups(f: Fields, v: unknown): GroupDraft[] | undefined {
  const list = f.list(v, 'groups');
  if (!list) return undefined;
  if (list.length === 0) f.error('groups', 'an empty list; leave "groups" out to have one group of all tests');
  return list.flatMap((g, i) => {
    const at = `groups[${i}]`;
    const o = f.object(g, at);
    if (!o) return [];
    f.onlyKeys(o, at, ['name', 'points', 'scoring', 'tests', 'dependencies', 'limits']);
    const name = f.string(o.name, `${at}.name`, true) ?? `#${i + 1}`;
    const scoring = f.string(o.scoring, `${at}.scoring`) ?? 'all';
    if (scoring !== 'all' && scoring !== 'each') f.error(`${at}.scoring`, 'must be "all" (points only if every test passes) or "each" (a share per test)');
    const patterns = f.strings(o.tests, `${at}.tests`) ?? [];
    if (patterns.length === 0) f.error(`${at}.tests`, 'list the group\'s tests (names or patterns such as "sub1-*")');
    return [
      {
        name,
        points: f.number(o.points, `${at}.points`, 'points', true) ?? 0,
        scoring: scoring === 'each' ? 'each' : 'all',
        patterns,
        dependencies: f.strings(o.dependencies, `${at}.dependencies`) ?? [],
        limits: readLimits(f, o.limits, `${at}.limits`),
      } satisfies GroupDraft,
    ];
  });
}

function readTimeFactors(f: Fields, v: unknown, issues: Issues): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [lang, factor] of Object.entries(f.object(v, 'timeFactors') ?? {})) {
    if (!languages.some((l) => l.id === lang)) issues.warn(`${FILE} timeFactors.${lang}`, 'no language has this id here');
    // A factor far from 1 turns a sane limit into one outside the run limits' range (docs/problems.md).
    const n = f.inRange(factor, `timeFactors.${lang}`, 'times the limit', 0.1, 100);
    if (n !== undefined) out[lang] = n;
  }
  return out;
}
