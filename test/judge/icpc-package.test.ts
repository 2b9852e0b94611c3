// ICPC packages (problem.yaml, legacy format) as the loader reads them: limits, validation, validator flags,
// testdata.yaml per group (inherited key by key, as problemtools does), nested groups, samples, and every
// bad package refused with AIRLOCK_ERR_BAD_PROBLEM naming the file. The validator flags also judged for real.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Engine } from '../../src/engine/execute.js';
import { icpcDiff } from '../../src/judge/checkers/icpc-diff.js';
import { judgeSubmission, loadProblem, type Problem, validateProblem } from '../../src/judge/index.js';
import { wallFor } from '../../src/judge/problem/limits.js';
import { isInstalled, getLanguage } from '../../src/languages/registry.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { repoRoot, testSlot } from '../helpers/box.js';
import { writePackage } from '../helpers/package.js';

const MiB = 1024 * 1024;
const examples = join(repoRoot, 'examples/problems-icpc');

/** A small pass-fail package: one sample, two secret tests; `files` adds or replaces (null removes). */
function icpc(files: Record<string, string | null> = {}): string {
  const base: Record<string, string | null> = {
    'problem.yaml': 'name: Echo\n',
    '.timelimit': '2\n',
    'problem_statement/problem.en.md': '# Echo\n\nPrint the input.\n',
    'data/sample/1.in': 'a\n',
    'data/sample/1.ans': 'a\n',
    'data/secret/1.in': 'b\n',
    'data/secret/1.ans': 'b\n',
    'data/secret/2.in': 'c\n',
    'data/secret/2.ans': 'c\n',
  };
  const all = { ...base, ...files };
  return writePackage(Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null)));
}

const load = (files: Record<string, string | null> = {}) => loadProblem(icpc(files));

/** The package's errors, failing when it loaded. */
async function errorsOf(files: Record<string, string | null>, dir = icpc(files)): Promise<string> {
  const v = await validateProblem(dir);
  assert.equal(v.ok, false, `expected errors; warnings: ${v.warnings.join('\n')}`);
  await assert.rejects(loadProblem(dir), (e: { code?: string }) => e.code === 'AIRLOCK_ERR_BAD_PROBLEM');
  return v.errors.join('\n');
}

async function warningsOf(files: Record<string, string | null>): Promise<string> {
  const v = await validateProblem(icpc(files));
  assert.equal(v.ok, true, v.errors.join('\n'));
  return v.warnings.join('\n');
}

describe('the example packages', () => {
  test('hypotenuse: the default validator with float_tolerance, .timelimit, .desc ignored', async () => {
    const v = await validateProblem(join(examples, 'hypotenuse'));
    assert.equal(v.ok, true, v.errors.join('\n'));
    assert.deepEqual(v.warnings, []);
    const p = v.problem!;
    assert.equal(p.format, 'icpc');
    assert.equal(p.name, 'Hypotenuse');
    assert.deepEqual(p.checker, { type: 'icpc-diff', relative: 1e-6, absolute: 1e-6 });
    assert.deepEqual(p.limits, { time: 1, wallTime: wallFor(1), memory: 256 * MiB, output: 64 * MiB });
    assert.deepEqual(
      p.tests.map((t) => t.name),
      ['sample.1', 'sample.2', 'secret.01-small', 'secret.02-large', 'secret.03-exact', 'secret.04-exact'],
    );
    assert.deepEqual(
      p.groups.map((g) => [g.name, g.points, g.scoring, g.tests.length, g.dependencies, g.stopAtFailure]),
      [
        ['sample', 0, 'each', 2, [], true],
        ['secret', 100, 'each', 4, ['sample'], true],
      ],
    );
    assert.match(p.statement, /^# Hypotenuse\n/);
  });

  test('divisor: a custom validator directory (its header compiled along), a .tex statement as text', async () => {
    const p = await loadProblem(join(examples, 'divisor'));
    assert.deepEqual(p.checker, {
      type: 'program',
      program: {
        source: 'output_validators/check_divisor/validator.cpp',
        language: 'cpp',
        files: ['output_validators/check_divisor/verdict.h'],
        protocol: 'icpc',
      },
    });
    assert.equal(p.limits.memory, 128 * MiB);
    assert.equal(p.interactor, undefined);
    assert.match(p.statement, /## Input\n/);
    assert.match(p.statement, /`prime`/);
    assert.doesNotMatch(p.statement, /\\problemname|^%/m);
  });

  test('guess: custom interactive makes the validator the interactor; sample interactions follow the statement', async () => {
    const p = await loadProblem(join(examples, 'guess'));
    assert.equal(p.interactor?.protocol, 'icpc');
    assert.equal(p.interactor?.source, 'output_validators/interactor/interactor.cpp');
    assert.match(p.statement, /## Sample interaction 1\n\n```\n> 500\n< correct\n```\n/);
    assert.match(p.statement, /## Sample interaction 2\n/);
  });

  test('bigsum: scoring groups from testdata.yaml: ignore_sample, min groups worth accept_score, validator flags per group', async () => {
    const p = await loadProblem(join(examples, 'bigsum'));
    assert.deepEqual(
      p.groups.map((g) => [g.name, g.points, g.scoring, g.stopAtFailure, g.dependencies]),
      [
        ['sample', 0, 'each', false, []],
        ['secret/group1-small', 30, 'all', true, []],
        ['secret/group2-large', 70, 'all', true, []],
      ],
    );
    const t = p.tests.find((x) => x.name === 'secret.group2-large.1')!;
    assert.deepEqual([t.acceptScore, t.validatorFlags], [70, ['points', '70']]);
  });
});

describe('problem.yaml', () => {
  test('limits: memory and output in MiB, the time from .timelimit; time_multiplier and time_safety_margin accepted', async () => {
    const v = await validateProblem(
      icpc({
        'problem.yaml': 'name: E\nlimits:\n  time_multiplier: 5\n  time_safety_margin: 2\n  memory: 1024\n  output: 2\n  validation_time: 30\n',
        '.timelimit': '2.5\n',
      }),
    );
    assert.equal(v.ok, true, v.errors.join('\n'));
    assert.deepEqual(v.warnings, []);
    assert.deepEqual(v.problem!.limits, { time: 2.5, wallTime: wallFor(2.5), memory: 1024 * MiB, output: 2 * MiB });
    assert.ok(v.problem!.tests.every((t) => t.limits.time === 2.5));
  });

  test('no .timelimit: 1 s and a warning that says where to write it; an unknown limit is a warning', async () => {
    const w = await warningsOf({ '.timelimit': null, 'problem.yaml': 'name: E\nlimits: {cpus: 4}\n' });
    assert.match(w, /\.timelimit: missing: the time limit is 1 s/);
    assert.match(w, /problem\.yaml limits\.cpus: ignored/);
    assert.equal((await load({ '.timelimit': null })).limits.time, 1);
  });

  test("name: a string, a map of languages (English first), else the statement's title", async () => {
    assert.equal((await load({ 'problem.yaml': 'name: {de: Echo DE, en: Echo EN}\n' })).name, 'Echo EN');
    assert.equal((await load({ 'problem.yaml': 'license: cc0\n' })).name, 'Echo');
  });

  test('validation: default, custom, custom interactive, custom score', async () => {
    const validator = { 'output_validators/v/validator.py': 'import sys\nsys.exit(42)\n' };
    assert.equal((await load({ 'problem.yaml': 'validation: default\n' })).checker.type, 'icpc-diff');
    const custom = await load({ 'problem.yaml': 'validation: custom\n', ...validator });
    assert.deepEqual(custom.checker, {
      type: 'program',
      program: { source: 'output_validators/v/validator.py', language: 'python3', files: [], protocol: 'icpc' },
    });
    const interactive = await load({ 'problem.yaml': 'validation: custom interactive\n', ...validator });
    assert.equal(interactive.interactor?.source, 'output_validators/v/validator.py');
    const scoring = await load({ 'problem.yaml': 'type: scoring\nvalidation: custom score\n', ...validator });
    assert.deepEqual(
      scoring.groups.map((g) => [g.name, g.points]),
      [
        ['sample', 1],
        ['secret', 2],
      ],
    );
    assert.match(await errorsOf({ 'problem.yaml': 'validation: custom score\n', ...validator }), /problem\.yaml validation: "score" needs type: scoring/);
    assert.match(await errorsOf({ 'problem.yaml': 'validation: strict\n' }), /problem\.yaml validation: must be "default" or "custom"/);
    assert.match(await errorsOf({ 'problem.yaml': 'validation: custom fast\n', ...validator }), /after "custom" come only "interactive" and "score"/);
    assert.match(await errorsOf({ 'problem.yaml': 'validation: custom\n' }), /output_validators\/: validation is custom, but there is no output validator/);
  });

  test('validator_flags of the default validator: case_sensitive, space_change_sensitive, the float tolerances', async () => {
    const checker = async (flags: string) => (await load({ 'problem.yaml': `validator_flags: ${flags}\n` })).checker;
    assert.deepEqual(await checker('case_sensitive space_change_sensitive'), { type: 'icpc-diff', caseSensitive: true, spaceSensitive: true });
    assert.deepEqual(await checker('float_relative_tolerance 1e-3 float_absolute_tolerance 0.5'), { type: 'icpc-diff', relative: 1e-3, absolute: 0.5 });
    assert.deepEqual(await checker('[float_tolerance, 1e-4]'), { type: 'icpc-diff', relative: 1e-4, absolute: 1e-4 });
    assert.match(
      await errorsOf({ 'problem.yaml': 'validator_flags: float_tolerance\n' }),
      /validator_flags: float_tolerance wants a non-negative number after it/,
    );
    assert.match(await errorsOf({ 'problem.yaml': 'validator_flags: float_tolerance -1\n' }), /float_tolerance wants a non-negative number/);
    assert.match(await errorsOf({ 'problem.yaml': 'validator_flags: ignore_case\n' }), /unknown flag "ignore_case" of the default validator/);
    assert.match(await errorsOf({ 'problem.yaml': 'validator_flags: {a: 1}\n' }), /validator_flags: must be a string of flags/);
  });

  test('what is not read is said: a newer format version, an unknown type, unknown keys (a warning)', async () => {
    assert.match(
      await errorsOf({ 'problem.yaml': 'problem_format_version: 2023-07-draft\n' }),
      /problem_format_version: "2023-07-draft" is not read; airlock reads the legacy version/,
    );
    assert.match(await errorsOf({ 'problem.yaml': 'type: multi-pass\n' }), /problem\.yaml type: must be "pass-fail" or "scoring"/);
    assert.match(await warningsOf({ 'problem.yaml': 'name: E\nlanguages: c cpp\n' }), /problem\.yaml languages: ignored/);
    assert.match(await warningsOf({ 'include/default/x.h': '' }), /include\/: ignored/);
  });
});

describe('the default validator', () => {
  const diff = (out: string, ans: string, o = {}) => icpcDiff(Buffer.from(out), Buffer.from(ans), o).verdict;

  test('case and the amount of whitespace do not matter unless a flag says so', () => {
    assert.equal(diff('YES  \n\n 3', 'yes 3\n'), 'AC');
    assert.equal(diff('YES 3', 'yes 3', { caseSensitive: true }), 'WA');
    assert.equal(diff('yes 3\n', 'yes 3\n', { caseSensitive: true, spaceSensitive: true }), 'AC');
    assert.equal(diff('yes  3\n', 'yes 3\n', { spaceSensitive: true }), 'WA');
    assert.equal(diff('yes 3', 'yes 3\n', { spaceSensitive: true }), 'WA');
    assert.equal(diff('yes 3 4', 'yes 3'), 'WA');
    assert.equal(diff('yes', 'yes 3'), 'WA');
  });

  test('numbers within the tolerance, absolute or relative; without one, as text', () => {
    assert.equal(diff('1.0000001', '1', { absolute: 1e-6, relative: 1e-6 }), 'AC');
    assert.equal(diff('1.00001', '1', { absolute: 1e-6, relative: 1e-6 }), 'WA');
    assert.equal(diff('1000000.5', '1000000', { relative: 1e-6 }), 'AC');
    assert.equal(diff('1000000.5', '1000000', { absolute: 1e-6 }), 'WA');
    assert.equal(diff('3.0E0', '3', { absolute: 1e-9 }), 'AC');
    assert.equal(diff('3.0', '3'), 'WA');
    assert.equal(diff('three', '3', { absolute: 1 }), 'WA');
  });
});

describe('testdata.yaml', () => {
  const scoring = 'type: scoring\n';

  test('pass-fail: on_reject break chains the groups; continue lets every group run', async () => {
    const p = await load({ 'data/secret/testdata.yaml': 'on_reject: continue\n' });
    assert.deepEqual(
      p.groups.map((g) => [g.name, g.stopAtFailure, g.dependencies]),
      [
        ['sample', true, []],
        ['secret', false, ['sample']],
      ],
    );
    const q = await load({ 'data/testdata.yaml': 'on_reject: continue\n' });
    assert.deepEqual(
      q.groups.map((g) => [g.name, g.stopAtFailure, g.dependencies]),
      [
        ['sample', false, []],
        ['secret', false, []],
      ],
    );
  });

  test("scoring: accept_score per test, sum / avg / min over a group's tests", async () => {
    const points = async (yaml: string) =>
      (await load({ 'problem.yaml': scoring, 'data/secret/testdata.yaml': yaml })).groups.find((g) => g.name === 'secret')!;
    assert.deepEqual(await points('accept_score: 10\n').then((g) => [g.points, g.scoring]), [20, 'each']);
    assert.deepEqual(await points('accept_score: 10\ngrader_flags: avg\n').then((g) => [g.points, g.scoring]), [10, 'each']);
    assert.deepEqual(await points('accept_score: 10\ngrader_flags: min\n').then((g) => [g.points, g.scoring]), [10, 'all']);
    // score.txt is read against accept_score with `custom score` alone; otherwise an accepted test earns it whole.
    assert.deepEqual(
      (await load({ 'problem.yaml': scoring, 'data/secret/testdata.yaml': 'accept_score: 10\n' })).tests.map((t) => t.acceptScore),
      [undefined, undefined, undefined],
    );
    const custom = {
      'problem.yaml': `${scoring}validation: custom score\n`,
      'output_validators/v.py': 'exit(42)\n',
      'data/secret/testdata.yaml': 'accept_score: 10\n',
    };
    assert.deepEqual(
      (await load(custom)).tests.map((t) => t.acceptScore),
      [1, 10, 10],
    );
  });

  test('refused: custom grading, max, on_reject other than break/continue, a reject_score, a bad accept_score', async () => {
    const errors = await errorsOf({
      'problem.yaml': scoring,
      'data/sample/testdata.yaml': 'grading: custom\non_reject: stop\n',
      'data/secret/testdata.yaml': 'grader_flags: max\nreject_score: 1\naccept_score: -2\n',
    });
    for (const re of [
      /data\/sample\/testdata\.yaml grading: custom graders are not supported/,
      /data\/sample\/testdata\.yaml on_reject: must be "break" or "continue"/,
      /data\/secret\/testdata\.yaml: grader_flags max is not supported/,
      /data\/secret\/testdata\.yaml reject_score: only 0 is supported/,
      /data\/secret\/testdata\.yaml accept_score: must be a non-negative number of points, got -2/,
    ]) {
      assert.match(errors, re);
    }
  });

  test('warned: scoring keys in a pass-fail problem, keys of other formats', async () => {
    const w = await warningsOf({ 'data/secret/testdata.yaml': 'accept_score: 3\nscoring: {score: 40}\n' });
    assert.match(w, /data\/secret\/testdata\.yaml: accept_score, reject_score and range apply to scoring problems only: ignored/);
    assert.match(w, /data\/secret\/testdata\.yaml scoring: ignored: not a key of the legacy format/);
  });

  test('output_validator_flags per group: appended to validator_flags, for the default and a custom validator', async () => {
    const p = await load({
      'problem.yaml': 'validator_flags: float_tolerance 1e-6\n',
      'data/secret/testdata.yaml': 'output_validator_flags: case_sensitive float_tolerance 0.1\n',
    });
    assert.equal(p.tests[0]!.checker, undefined);
    assert.deepEqual(p.tests[1]!.checker, { type: 'icpc-diff', caseSensitive: true, relative: 0.1, absolute: 0.1 });
    const c = await load({
      'problem.yaml': 'validation: custom\nvalidator_flags: strict\n',
      'output_validators/v.py': 'exit(42)\n',
      'data/secret/testdata.yaml': 'output_validator_flags: points 5\n',
    });
    assert.deepEqual(
      c.tests.map((t) => t.validatorFlags),
      [['strict'], ['strict', 'points', '5'], ['strict', 'points', '5']],
    );
    assert.match(
      await errorsOf({ 'data/secret/testdata.yaml': 'output_validator_flags: loose\n' }),
      /data\/secret\/testdata\.yaml output_validator_flags: unknown flag "loose"/,
    );
  });

  test("a subgroup's testdata.yaml overrides its parent key by key; the keys it leaves out are inherited", async () => {
    const p = await load({
      'problem.yaml': scoring,
      'data/secret/testdata.yaml': 'on_reject: continue\noutput_validator_flags: float_tolerance 0.1\naccept_score: 5\n',
      'data/secret/g1/testdata.yaml': 'grader_flags: min\n',
      'data/secret/g1/1.in': '1\n',
      'data/secret/g1/1.ans': '1\n',
      'data/secret/g2/testdata.yaml': 'accept_score: 2\n',
      'data/secret/g2/1.in': '1\n',
      'data/secret/g2/1.ans': '1\n',
    });
    const g = (name: string) => p.groups.find((x) => x.name === name)!;
    assert.deepEqual([g('secret/g1').stopAtFailure, g('secret/g1').scoring, g('secret/g1').points], [false, 'all', 5]);
    assert.deepEqual([g('secret/g2').stopAtFailure, g('secret/g2').scoring, g('secret/g2').points], [false, 'each', 2]);
    const t = (name: string) => p.tests.find((x) => x.name === name)!;
    assert.deepEqual(t('secret.g1.1').checker, { type: 'icpc-diff', relative: 0.1, absolute: 0.1 });
    assert.deepEqual(t('secret.g2.1').checker, { type: 'icpc-diff', relative: 0.1, absolute: 0.1 });
  });
});

describe('data/', () => {
  test('nested groups in name order, each directory of tests one group; break makes each part wait for the one before', async () => {
    const p = await load({
      'data/secret/1.in': null,
      'data/secret/1.ans': null,
      'data/secret/2.in': null,
      'data/secret/2.ans': null,
      'data/secret/b/1.in': '1',
      'data/secret/b/1.ans': '1',
      'data/secret/a/x/1.in': '1',
      'data/secret/a/x/1.ans': '1',
      'data/secret/a/y/1.in': '1',
      'data/secret/a/y/1.ans': '1',
      'data/secret/a/0.in': '1',
      'data/secret/a/0.ans': '1',
    });
    assert.deepEqual(
      p.tests.map((t) => t.name),
      ['sample.1', 'secret.a.0', 'secret.a.x.1', 'secret.a.y.1', 'secret.b.1'],
    );
    assert.deepEqual(
      p.groups.map((g) => [g.name, g.tests, g.dependencies]),
      [
        ['sample', ['sample.1'], []],
        ['secret/a', ['secret.a.0'], ['sample']],
        ['secret/a/x', ['secret.a.x.1'], ['sample', 'secret/a']],
        ['secret/a/y', ['secret.a.y.1'], ['sample', 'secret/a/x']],
        ['secret/b', ['secret.b.1'], ['sample', 'secret/a', 'secret/a/x', 'secret/a/y']],
      ],
    );
  });

  test('.desc, .hint and images are ignored quietly; .interaction files are samples of the dialogue; other files are warned about', async () => {
    const v = await validateProblem(
      icpc({ 'data/sample/1.desc': 'why', 'data/sample/1.hint': 'how', 'data/sample/1.png': '', 'data/sample/1.interaction': '> 1\n< 2\n' }),
    );
    assert.equal(v.ok, true, v.errors.join('\n'));
    assert.deepEqual(v.warnings, []);
    assert.match(v.problem!.statement, /## Sample interaction 1\n\n```\n> 1\n< 2\n```\n$/);
    assert.match(await warningsOf({ 'data/secret/notes.doc': '' }), /data\/secret\/notes\.doc: ignored/);
    assert.match(await warningsOf({ 'data/extra/1.in': '' }), /data\/extra: ignored: data\/ holds sample\/ and secret\//);
  });

  test('samples are shown with the statement: the group "sample"', async () => {
    const p: Problem = await load();
    assert.deepEqual(p.groups[0]!.tests, ['sample.1']);
  });
});

describe('bad packages: AIRLOCK_ERR_BAD_PROBLEM, each mistake naming its file', () => {
  const cases: Array<[string, Record<string, string | null>, RegExp]> = [
    ['unreadable YAML', { 'problem.yaml': 'name: [a,\n' }, /problem\.yaml: problem\.yaml line 1: a flow list/],
    ['problem.yaml not a map', { 'problem.yaml': '- a\n' }, /problem\.yaml: must be an object/],
    [
      'a bad testdata.yaml',
      { 'data/secret/testdata.yaml': 'on_reject: &a break\n' },
      /data\/secret\/testdata\.yaml: data\/secret\/testdata\.yaml line 1: .*anchors/,
    ],
    [
      'no data/',
      {
        'data/sample/1.in': null,
        'data/sample/1.ans': null,
        'data/secret/1.in': null,
        'data/secret/1.ans': null,
        'data/secret/2.in': null,
        'data/secret/2.ans': null,
      },
      /data: data does not exist/,
    ],
    [
      'no tests',
      {
        'data/sample/1.in': null,
        'data/sample/1.ans': null,
        'data/secret/1.in': null,
        'data/secret/1.ans': null,
        'data/secret/2.in': null,
        'data/secret/2.ans': null,
        'data/secret/.keep': '',
      },
      /data: no tests/,
    ],
    ['a test directly in data/', { 'data/1.in': '1', 'data/1.ans': '1' }, /data\/1\.in: tests go in data\/sample\/ or data\/secret\//],
    ['an answer without an input', { 'data/secret/3.ans': '3' }, /data\/secret\/3\.ans: an answer without an input/],
    ['an input without an answer (default validation)', { 'data/secret/3.in': '3' }, /data\/secret\/3\.in: no answer file \(\.ans\) for the default validator/],
    [
      'two tests with one name',
      { 'data/secret/a.b/1.in': '1', 'data/secret/a.b/1.ans': '1', 'data/secret/a/b.1.in': '1', 'data/secret/a/b.1.ans': '1' },
      /data\/secret\/a\.b\/1\.in: two tests map to this name/,
    ],
    ['a bad test name', { 'data/secret/a b.in': '1', 'data/secret/a b.ans': '1' }, /data\/secret\/a b\.in: test names use/],
    ['a bad .timelimit', { '.timelimit': 'fast\n' }, /\.timelimit: must hold a number of seconds/],
    ['memory out of range', { 'problem.yaml': 'limits: {memory: 0}\n' }, /problem\.yaml limits\.memory: must be a number of MiB from/],
    [
      'two output validators',
      { 'problem.yaml': 'validation: custom\n', 'output_validators/a.py': '', 'output_validators/b.py': '' },
      /output_validators\/: holds 2 programs; airlock runs exactly one/,
    ],
    [
      'a validator with a build script',
      { 'problem.yaml': 'validation: custom\n', 'output_validators/v/build': '#!/bin/sh\n', 'output_validators/v/v.c': '' },
      /output_validators\/v: build and run scripts are not supported/,
    ],
    [
      'a validator in an unknown language',
      { 'problem.yaml': 'validation: custom\n', 'output_validators/v.zz': '' },
      /output_validators\/v\.zz: cannot tell the language of/,
    ],
    [
      'a validator directory with no main',
      { 'problem.yaml': 'validation: custom\n', 'output_validators/v/a.c': 'void f(void) {}\n', 'output_validators/v/b.c': 'void g(void) {}\n' },
      /output_validators\/v: no single main source/,
    ],
    [
      'groups too deep',
      Object.fromEntries([
        [`data/secret/${'g/'.repeat(9)}1.in`, '1'],
        [`data/secret/${'g/'.repeat(9)}1.ans`, '1'],
      ]),
      /test groups nested deeper than 8 levels/,
    ],
  ];
  for (const [what, files, re] of cases) {
    test(what, async () => assert.match(await errorsOf(files), re));
  }

  test('symbolic links: a test, .timelimit, a validator and the statement that point outside are refused', async () => {
    const dir = icpc({ 'problem.yaml': 'validation: custom\n', '.timelimit': null, 'output_validators/v/x.txt': '' });
    symlinkSync('/etc/passwd', join(dir, 'data/secret/3.in'));
    symlinkSync('/etc/hostname', join(dir, '.timelimit'));
    symlinkSync('/etc/passwd', join(dir, 'output_validators/v/validator.py'));
    rmSync(join(dir, 'problem_statement/problem.en.md'));
    symlinkSync('/etc/passwd', join(dir, 'problem_statement/problem.en.md'));
    const errors = await errorsOf({}, dir);
    assert.match(errors, /data\/secret\/3\.in: must be a regular file or directory \(symbolic links are refused/);
    assert.match(errors, /\.timelimit: \.timelimit is a symbolic link/);
    assert.match(errors, /output_validators\/v\/validator\.py: a program directory holds regular files only/);
    assert.match(errors, /problem_statement: problem_statement\/problem\.en\.md is a symbolic link/);
    const linkedDir = icpc({ 'problem.yaml': 'validation: custom\n' });
    symlinkSync(mkdtempSync(join(tmpdir(), 'airlock-outside-')), join(linkedDir, 'output_validators'));
    assert.match(await errorsOf({}, linkedDir), /output_validators: output_validators is a symbolic link/);
    const linkedGroup = icpc();
    symlinkSync('/etc', join(linkedGroup, 'data/secret/etc'));
    assert.match(await errorsOf({}, linkedGroup), /data\/secret\/etc: must be a regular file or directory \(symbolic links are refused/);
  });
});

describe('validator flags, judged', () => {
  const engine = new Engine({ workDir: mkdtempSync(join(tmpdir(), 'airlock-icpc-')), slots: new SlotPool(2, testSlot(430)) });
  const py = (code: string) => ({ language: 'python3', files: [{ name: 'a.py', content: Buffer.from(code) }] });
  const skip = isInstalled(getLanguage('python3')) ? false : 'python3 is not installed (./setup.sh --languages python3)';

  test('a custom validator is called as `validator input answer feedback_dir flags... < output`; its messages and exit codes decide', { skip }, async () => {
    const validator = [
      'import sys',
      'inp, ans, fb = sys.argv[1:4]',
      'out = sys.stdin.read()',
      'open(fb + "judgemessage.txt", "w").write(" ".join(sys.argv[4:]) + " in=" + open(inp).read().strip() + " out=" + out.strip())',
      'sys.exit(42 if out.strip() == open(ans).read().strip() else 43)',
    ].join('\n');
    const p = await load({
      'problem.yaml': 'validation: custom\nvalidator_flags: mode strict\n',
      'output_validators/check/validator.py': validator,
      'data/secret/testdata.yaml': 'output_validator_flags: points 5\n',
    });
    const r = await judgeSubmission(engine, p, py('print(input())'));
    assert.equal(r.verdict, 'AC', r.reason);
    assert.deepEqual(
      r.tests.map((t) => t.checker),
      ['mode strict in=a out=a', 'mode strict points 5 in=b out=b', 'mode strict points 5 in=c out=c'],
    );
    const wa = await judgeSubmission(engine, p, py('print(input().upper())'));
    assert.equal(wa.verdict, 'WA');
    assert.match(wa.reason, /wrong answer: mode strict in=a out=A/);
  });

  test("the default validator with a group's flags: case-sensitive in secret, not in sample", { skip }, async () => {
    const p = await load({ 'data/secret/testdata.yaml': 'output_validator_flags: case_sensitive\n' });
    const r = await judgeSubmission(engine, p, py('print(input().upper())'), { concurrency: 1 });
    assert.deepEqual(
      r.tests.map((t) => [t.name, t.verdict]),
      [
        ['sample.1', 'AC'],
        ['secret.1', 'WA'],
        ['secret.2', 'SKIPPED'],
      ],
    );
  });

  test(
    'score.txt counts only with `validation: custom score`: a pass-fail or plain custom validator that writes one still earns full marks',
    { skip },
    async () => {
      const validator = 'import sys\nopen(sys.argv[3] + "score.txt", "w").write("0.25")\nsys.exit(42)\n';
      const echo = py('print(input())');
      const passFail = await judgeSubmission(engine, await load({ 'problem.yaml': 'validation: custom\n', 'output_validators/v.py': validator }), echo);
      assert.deepEqual([passFail.verdict, passFail.score, passFail.maxScore], ['AC', 100, 100], passFail.reason);
      const scoring = await judgeSubmission(
        engine,
        await load({ 'problem.yaml': 'type: scoring\nvalidation: custom\n', 'output_validators/v.py': validator }),
        echo,
      );
      assert.deepEqual([scoring.verdict, scoring.score, scoring.maxScore], ['AC', 3, 3], scoring.reason);
      const scored = await judgeSubmission(
        engine,
        await load({ 'problem.yaml': 'type: scoring\nvalidation: custom score\n', 'output_validators/v.py': validator }),
        echo,
      );
      assert.deepEqual([scored.verdict, scored.score, scored.maxScore], ['AC', 0.75, 3], scored.reason);
    },
  );
});
