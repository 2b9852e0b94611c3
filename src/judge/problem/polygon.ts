// Importing a Polygon package (problem.xml; the "full" kind, whose tests are files): limits, tests,
// groups with points and dependencies, the checker and the interactor, the statement's sections.
import { existsSync, readFileSync } from 'node:fs';
import { limitBounds } from '../../config/limit-bounds.js';
import { basename, join } from 'node:path';
import { resolveGroups, type GroupDraft } from './groups.js';
import type { Issues } from './issues.js';
import { defaultLimits, wallFor } from './limits.js';
import { packageFile, packageHas } from './paths.js';
import { checkProgram } from './programs.js';
import type { CheckerSpec, Problem, ProgramRef, TestCase, TestLimits } from './types.js';
import { child, children, parseXml, type XmlElement } from './xml.js';

const FILE = 'problem.xml';

/** Polygon's standard checkers that a built-in comparison reproduces exactly; others are compiled with testlib.h. */
const standardCheckers: Record<string, CheckerSpec> = {
  'std::wcmp.cpp': { type: 'tokens' },
  'std::yesno.cpp': { type: 'tokens', ignoreCase: true },
  'std::nyesno.cpp': { type: 'tokens', ignoreCase: true },
  'std::rcmp4.cpp': { type: 'floats', absolute: 1e-4, relative: 1e-4 },
  'std::rcmp6.cpp': { type: 'floats', absolute: 1e-6, relative: 1e-6 },
  'std::rcmp9.cpp': { type: 'floats', absolute: 1e-9, relative: 1e-9 },
};

/** Read a Polygon package; undefined when there were errors (all in `issues`). */
export function readPolygonPackage(dir: string, issues: Issues): Problem | undefined {
  let root: XmlElement;
  try {
    root = parseXml(readFileSync(join(dir, FILE), 'utf8'));
  } catch (e) {
    issues.error(FILE, `unreadable: ${(e as Error).message}`);
    return undefined;
  }
  const names = children(root, 'names', 'name');
  const name = (names.find((n) => n.attrs.language === 'english') ?? names[0])?.attrs.value ?? root.attrs['short-name'];
  if (!name) issues.error(FILE, 'no <names> and no short-name');
  const testsets = children(root, 'judging', 'testset');
  const testset = testsets.find((t) => t.attrs.name === 'tests') ?? testsets[0];
  if (!testset) {
    issues.error(FILE, 'no <judging><testset>');
    return undefined;
  }
  const limits = readLimits(testset, issues);
  const interactorEl = child(root, 'assets/interactor/source');
  const interactor = interactorEl ? program(dir, interactorEl, issues, 'interactor') : undefined;
  const checker = readChecker(dir, root, issues);
  const tests = readTests(dir, testset, limits, !!interactor, issues);
  const { groups } = resolveGroups(
    readGroups(testset, tests, issues),
    tests.map((t) => t.name),
    issues,
    FILE,
  );
  if (issues.errors.length || !name || !checker) return undefined;
  return {
    dir,
    name,
    statement: statement(dir, issues),
    limits,
    checker,
    ...(interactor ? { interactor } : {}),
    tests,
    groups,
    timeFactors: {},
    transcript: false,
    format: 'polygon',
  };
}

function readLimits(testset: XmlElement, issues: Issues): TestLimits {
  const ms = Number(child(testset, 'time-limit')?.text ?? NaN);
  const bytes = Number(child(testset, 'memory-limit')?.text ?? NaN);
  // The same ranges as a run's limits (docs/api.md#limits).
  const { cpuTime, memory } = limitBounds;
  const msOk = ms >= cpuTime.minimum * 1000 && ms <= cpuTime.maximum * 1000;
  const bytesOk = bytes >= memory.minimum && bytes <= memory.maximum;
  if (!msOk) issues.error(FILE, `<time-limit> must be a number of milliseconds from ${cpuTime.minimum * 1000} to ${cpuTime.maximum * 1000}`);
  if (!bytesOk) issues.error(FILE, `<memory-limit> must be a number of bytes from ${memory.minimum} to ${memory.maximum}`);
  const time = msOk ? ms / 1000 : defaultLimits.time;
  return { ...defaultLimits, time, wallTime: wallFor(time), ...(bytesOk ? { memory: bytes } : {}) };
}

/** Expand Polygon's "tests/%02d" for test number n. */
function pattern(p: string, n: number): string {
  return p.replace(/%(0?)(\d*)d/, (_, zero: string, width: string) => String(n).padStart(Number(width || 0), zero ? '0' : ' '));
}

function readTests(dir: string, testset: XmlElement, limits: TestLimits, interactive: boolean, issues: Issues): TestCase[] {
  const inPattern = child(testset, 'input-path-pattern')?.text.trim() || 'tests/%02d';
  const ansPattern = child(testset, 'answer-path-pattern')?.text.trim() || 'tests/%02d.a';
  const listed = children(testset, 'tests', 'test');
  const count = Number(child(testset, 'test-count')?.text ?? listed.length);
  const tests: TestCase[] = [];
  for (let n = 1; n <= count; n++) {
    const inRel = pattern(inPattern, n);
    const ansRel = pattern(ansPattern, n);
    if (!existsSync(join(dir, inRel))) {
      const generated = listed[n - 1]?.attrs.method === 'generated';
      issues.error(inRel, generated ? 'missing: a generated test; import the "full" package, which contains generated tests' : 'missing');
      continue;
    }
    const input = packageFile(dir, inRel, issues, FILE);
    const answer = existsSync(join(dir, ansRel)) ? packageFile(dir, ansRel, issues, FILE) : undefined;
    if (!answer && !interactive) issues.error(ansRel, 'missing (every test needs its answer)');
    const points = Number(listed[n - 1]?.attrs.points);
    if (input)
      tests.push({ name: basename(inRel).replace(/[^A-Za-z0-9._+-]/g, '_'), input, ...(answer ? { answer } : {}), limits, ...(points >= 0 ? { points } : {}) });
  }
  if (count === 0) issues.error(FILE, 'the testset has no tests');
  return tests;
}

/** Polygon groups: "complete-group" earns the points only when all pass; "each-test" per test. */
function readGroups(testset: XmlElement, tests: TestCase[], issues: Issues): GroupDraft[] | undefined {
  const listed = children(testset, 'tests', 'test');
  const groupEls = children(testset, 'groups', 'group');
  const groupOf = (i: number) => listed[i]?.attrs.group;
  if (groupEls.length === 0 && !listed.some((t) => t.attrs.group !== undefined)) {
    const sum = tests.reduce((s, t) => s + (t.points ?? 0), 0);
    return sum > 0 ? [{ name: 'tests', points: sum, scoring: 'each', patterns: tests.map((t) => t.name), dependencies: [], limits: {} }] : undefined;
  }
  const names = [...new Set([...groupEls.map((g) => g.attrs.name ?? ''), ...listed.map((t) => t.attrs.group ?? '')])].filter(Boolean);
  if (listed.some((t) => !t.attrs.group)) issues.error(FILE, 'some tests have a group and some do not');
  return names.map((name) => {
    const el = groupEls.find((g) => g.attrs.name === name);
    const members = tests.filter((_, i) => groupOf(i) === name);
    const each = el?.attrs['points-policy'] === 'each-test';
    const sum = members.reduce((s, t) => s + (t.points ?? 0), 0);
    return {
      name,
      points: el?.attrs.points !== undefined ? Number(el.attrs.points) : sum,
      scoring: each ? 'each' : 'all',
      patterns: members.map((t) => t.name),
      dependencies: children(el, 'dependencies', 'dependency').map((d) => d.attrs.group ?? ''),
      limits: {},
    } satisfies GroupDraft;
  });
}

function readChecker(dir: string, root: XmlElement, issues: Issues): CheckerSpec | undefined {
  const el = child(root, 'assets/checker');
  if (!el) return { type: 'tokens' };
  const std = standardCheckers[el.attrs.name ?? ''];
  if (std) return std;
  const source = child(el, 'source');
  if (!source) {
    issues.error(FILE, `the checker ${el.attrs.name ?? ''} has no <source>`);
    return undefined;
  }
  const p = program(dir, source, issues, 'checker');
  return p ? { type: 'program', program: p } : undefined;
}

/** A checker or interactor source, compiled with the package's testlib.h when it ships one. */
function program(dir: string, source: XmlElement, issues: Issues, what: string): ProgramRef | undefined {
  const path = source.attrs.path ?? '';
  const testlib = ['files/testlib.h', join(path, '..', 'testlib.h')].find((f) => existsSync(join(dir, f)));
  const ref = { source: path, language: languageOf(source.attrs.type ?? ''), files: testlib && basename(path) !== 'testlib.h' ? [testlib] : [] };
  return checkProgram(ref, dir, issues, `${FILE} ${what}`);
}

/** Polygon's source types ("cpp.g++17", "python.3", "java11") as airlock language ids; '' infers from the file. */
function languageOf(type: string): string {
  if (/^cpp\./.test(type)) return 'cpp';
  if (/^c\./.test(type)) return 'c';
  if (/^python\.3|^python3/.test(type)) return 'python3';
  if (/^java/.test(type)) return 'java';
  return '';
}

/** The statement as Markdown from Polygon's statement sections (TeX math kept as $...$). */
function statement(dir: string, issues: Issues): string {
  const base = ['statement-sections/english', 'statement-sections/russian'].find((d) => existsSync(join(dir, d)));
  if (!base) {
    issues.warn(FILE, 'no statement-sections/english: the statement is empty');
    return '';
  }
  const parts: string[] = [];
  const title: Record<string, string> = { legend: '', input: '## Input', output: '## Output', interaction: '## Interaction', notes: '## Notes' };
  for (const [section, heading] of Object.entries(title)) {
    const rel = `${base}/${section}.tex`;
    const file = packageHas(dir, rel) ? packageFile(dir, rel, issues, FILE) : undefined;
    if (file) parts.push([heading, readFileSync(file, 'utf8').trim()].filter(Boolean).join('\n\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
