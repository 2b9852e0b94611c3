// Problem packages: the sample packages load, a broken package gets every precise error at once,
// and a Polygon package (problem.xml) imports with its limits, groups, checker and testlib.h.
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Engine } from '../../src/engine/execute.js';
import { judgeSubmission, loadProblem, validateProblem } from '../../src/judge/index.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { repoRoot, testSlot } from '../helpers/box.js';
import { writePackage } from '../helpers/package.js';

const MiB = 1024 * 1024;

const pkg = writePackage;

const base = { 'statement.md': '# t\n', 'tests/1.in': '1\n', 'tests/1.ans': '1\n', 'tests/2.in': '2\n', 'tests/2.ans': '2\n' };
const errorsOf = async (files: Record<string, string>) => (await validateProblem(pkg(files))).errors;

describe('airlock packages', () => {
  test('the A+B sample: defaults filled in, tests in natural order, one group of 100 points', async () => {
    const p = await loadProblem(join(repoRoot, 'examples/problems/aplusb'));
    assert.equal(p.name, 'A+B');
    assert.match(p.statement, /^# A\+B/);
    assert.deepEqual(p.limits, { time: 1, wallTime: 3, memory: 64 * MiB, output: 1 * MiB });
    assert.deepEqual(p.checker, { type: 'tokens' });
    assert.deepEqual(
      p.tests.map((t) => t.name),
      ['01', '02', '03', '04'],
    );
    assert.deepEqual(p.groups, [{ name: 'tests', points: 100, scoring: 'each', tests: ['01', '02', '03', '04'], dependencies: [] }]);
  });

  test('the subtask sample: generated tests, groups with dependencies, per-test limits, time factors', async () => {
    const p = await loadProblem(join(repoRoot, 'examples/problems/inversions'));
    assert.deepEqual(
      p.groups.map((g) => [g.name, g.points, g.tests.length, g.dependencies]),
      [
        ['samples', 0, 2, []],
        ['small', 40, 4, ['samples']],
        ['large', 60, 3, ['small']],
      ],
    );
    const large2 = p.tests.find((t) => t.name === 'large-2')!;
    assert.deepEqual(large2.generate, ['100000', '2', 'descending']);
    assert.equal(large2.limits.time, 1.5);
    assert.equal(large2.limits.wallTime, 4);
    assert.equal(p.timeFactors.python3, 4);
    assert.equal(p.solution?.language, 'cpp');
  });

  test('natural order: 2 before 10', async () => {
    const files: Record<string, string> = { 'problem.json': '{"name": "n"}', 'statement.md': 'x' };
    for (const n of [10, 2, 1]) Object.assign(files, { [`tests/${n}.in`]: '', [`tests/${n}.ans`]: '' });
    assert.deepEqual(
      (await loadProblem(pkg(files))).tests.map((t) => t.name),
      ['1', '2', '10'],
    );
  });

  test('every mistake is reported at once, each naming its file and field', async () => {
    const errors = await errorsOf({
      ...base,
      'problem.json': JSON.stringify({
        name: 'bad',
        limit: { time: 1 },
        limits: { time: -1, memory: '64' },
        checker: 'magic',
        groups: [
          { name: 'a', points: 10, tests: ['1', 'nothing-*'], dependencies: ['b'] },
          { name: 'b', points: 10, tests: ['1'], scoring: 'some' },
        ],
        perTest: { 7: { limits: { time: 2 } } },
        timeFactors: { python3: 0 },
      }),
      'tests/3.ans': '3\n',
    });
    const expected = [
      /problem\.json limit: unknown key \(did you mean "limits"\?\)/,
      /problem\.json limits\.time: must be a number of seconds from 0\.001 to 3600, got -1/,
      /problem\.json limits\.memory: must be a number of MiB from 1 to 65536, got "64"/,
      /problem\.json checker: unknown checker "magic"/,
      /tests\/3\.ans: an answer without an input/,
      /problem\.json perTest\.7: no test has this name/,
      /problem\.json groups\[1\]\.scoring: must be "all"/,
      /group "a": depends on "b", which must be listed before it/,
      /group "a": "nothing-\*" matches no test/,
      /group "b": test 1 is already in group "a"/,
      /tests in no group: 2/,
      /problem\.json timeFactors\.python3: must be a number of times the limit from 0\.1 to 100, got 0/,
    ];
    for (const re of expected)
      assert.ok(
        errors.some((e) => re.test(e)),
        `${re} not among:\n${errors.join('\n')}`,
      );
  });

  test('missing pieces: problem file, statement, answers, tests', async () => {
    assert.match((await errorsOf({ 'x.txt': '' }))[0]!, /neither problem\.json .* nor problem\.xml/);
    assert.match((await errorsOf({ 'problem.json': '{"name": ' }))[0]!, /problem\.json: not valid JSON/);
    const errors = await errorsOf({ 'problem.json': '{"name": "x"}', 'tests/1.in': '1' });
    assert.ok(
      errors.some((e) => /statement: statement\.md does not exist/.test(e)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => /tests\/1\.in: no answer \(1\.ans\)/.test(e)),
      errors.join('\n'),
    );
    assert.match((await errorsOf({ 'problem.json': '{"name": "x"}', 'statement.md': '', 'tests/.keep': '' })).join('\n'), /no tests/);
  });

  test('programs: unknown languages, missing files, and paths outside the package are refused', async () => {
    const errors = await errorsOf({
      ...base,
      'problem.json': JSON.stringify({
        name: 'x',
        checker: { type: 'program', source: 'check.zz' },
        interactor: { source: '../../etc/passwd', language: 'c' },
        solution: 'sol.cpp',
      }),
      'check.zz': '',
    });
    assert.ok(
      errors.some((e) => /cannot tell the language of check\.zz/.test(e)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => /interactor.*must be a path inside the package/.test(e)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => /solution.*sol\.cpp does not exist/.test(e)),
      errors.join('\n'),
    );
  });

  test('a symbolic link in a package is refused: a test must not feed /etc/shadow to a solution', async () => {
    const dir = pkg({ 'problem.json': '{"name": "x"}', 'statement.md': '', 'tests/1.ans': '' });
    symlinkSync('/etc/shadow', join(dir, 'tests/1.in'));
    const v = await validateProblem(dir);
    assert.equal(v.ok, false);
    assert.match(v.errors.join('\n'), /tests\/1\.in: must be a regular file/);
    await assert.rejects(loadProblem(dir), { code: 'AIRLOCK_ERR_BAD_PROBLEM' });
  });

  test('warnings do not block: stray files in tests/', async () => {
    const v = await validateProblem(pkg({ ...base, 'problem.json': '{"name": "x"}', 'tests/README': 'notes' }));
    assert.equal(v.ok, true, v.errors.join('\n'));
    assert.match(v.warnings.join('\n'), /tests\/README: ignored/);
  });
});

describe('Polygon packages', () => {
  const xml = (assets: string, extra = '') => `<?xml version="1.0" encoding="utf-8" standalone="no"?>
<problem revision="3" short-name="sum-floats">
  <names><name language="english" value="Sum of floats"/></names>
  <judging cpu-name="x" input-file="" output-file="">
    <testset name="tests">
      <time-limit>2000</time-limit>
      <memory-limit>67108864</memory-limit>
      <test-count>3</test-count>
      <input-path-pattern>tests/%02d</input-path-pattern>
      <answer-path-pattern>tests/%02d.a</answer-path-pattern>
      <tests>
        <test group="0" method="manual" points="0" sample="true"/>
        <test group="1" method="manual" points="10"/>
        <test group="1" method="generated" cmd="gen 5" points="20"/>
      </tests>
      <groups>
        <group feedback-policy="complete" name="0" points="0" points-policy="complete-group"/>
        <group feedback-policy="icpc" name="1" points-policy="each-test">
          <dependencies><dependency group="0"/></dependencies>
        </group>
      </groups>
    </testset>${extra}
  </judging>
  <assets>${assets}</assets>
</problem>`;
  const files = {
    'tests/01': '1.5 2\n',
    'tests/01.a': '3.5\n',
    'tests/02': '0.1 0.2\n',
    'tests/02.a': '0.3\n',
    'tests/03': '1e9 1\n',
    'tests/03.a': '1000000001\n',
    'statement-sections/english/legend.tex': 'Add $a$ and $b$.',
    'statement-sections/english/input.tex': 'Two reals.',
  };

  test('limits, tests, groups with dependencies and points, a standard checker, the statement', async () => {
    const p = await loadProblem(
      pkg({ ...files, 'problem.xml': xml('<checker name="std::rcmp6.cpp" type="testlib"><source path="files/check.cpp" type="cpp.g++17"/></checker>') }),
    );
    assert.equal(p.format, 'polygon');
    assert.equal(p.name, 'Sum of floats');
    assert.equal(p.limits.time, 2);
    assert.equal(p.limits.memory, 64 * MiB);
    assert.deepEqual(p.checker, { type: 'floats', absolute: 1e-6, relative: 1e-6 });
    assert.deepEqual(
      p.tests.map((t) => [t.name, t.points]),
      [
        ['01', 0],
        ['02', 10],
        ['03', 20],
      ],
    );
    assert.deepEqual(
      p.groups.map((g) => [g.name, g.points, g.scoring, g.tests, g.dependencies]),
      [
        ['0', 0, 'all', ['01'], []],
        ['1', 30, 'each', ['02', '03'], ['0']],
      ],
    );
    assert.equal(p.statement, 'Add $a$ and $b$.\n\n## Input\n\nTwo reals.\n');

    const engine = new Engine({ workDir: mkdtempSync(join(tmpdir(), 'airlock-poly-')), slots: new SlotPool(2, testSlot(420)) });
    const sum = (code: string) => judgeSubmission(engine, p, { language: 'python3', files: [{ name: 'a.py', content: Buffer.from(code) }] });
    const ac = await sum('a, b = map(float, input().split())\nprint(a + b)\n');
    assert.equal(ac.verdict, 'AC', ac.reason);
    assert.equal(ac.score, 30);
    const partial = await sum('a, b = map(float, input().split())\nprint(a + b if a < 1e8 else 0)\n');
    assert.deepEqual([partial.verdict, partial.score], ['WA', 10]);
  });

  test('a custom checker is compiled with the testlib.h the package ships', async () => {
    const header = '#include <cstdio>\ninline int testlib_stub_verdict() { std::fputs("ok via stub testlib.h\\n", stderr); return 0; }\n';
    const check = '#include "testlib.h"\nint main() { return testlib_stub_verdict(); }\n';
    const dir = pkg({
      ...files,
      'files/testlib.h': header,
      'files/check.cpp': check,
      'problem.xml': xml('<checker name="check.cpp" type="testlib"><source path="files/check.cpp" type="cpp.g++17"/></checker>'),
    });
    const p = await loadProblem(dir);
    assert.deepEqual(p.checker, { type: 'program', program: { source: 'files/check.cpp', language: 'cpp', files: ['files/testlib.h'] } });
    const engine = new Engine({ workDir: mkdtempSync(join(tmpdir(), 'airlock-poly-')), slots: new SlotPool(2, testSlot(420)) });
    const r = await judgeSubmission(engine, p, { language: 'python3', files: [{ name: 'a.py', content: Buffer.from('print(0)') }] });
    assert.equal(r.verdict, 'AC', r.reason);
    assert.equal(r.tests[0]!.checker, 'ok via stub testlib.h');
  });

  test('a "standard" package without its generated tests says to import the full package', async () => {
    const { 'tests/03': _, ...standard } = files;
    const v = await validateProblem(pkg({ ...standard, 'problem.xml': xml('') }));
    assert.match(v.errors.join('\n'), /tests\/03: missing: a generated test; import the "full" package/);
  });

  test('an interactor makes the problem interactive; a broken problem.xml names the offset', async () => {
    const p = await loadProblem(
      pkg({ ...files, 'files/interactor.py': 'print(1)', 'problem.xml': xml('<interactor><source path="files/interactor.py" type="python.3"/></interactor>') }),
    );
    assert.deepEqual(p.interactor, { source: 'files/interactor.py', language: 'python3', files: [] });
    const v = await validateProblem(pkg({ 'problem.xml': '<problem><names></problem>' }));
    assert.match(v.errors[0]!, /problem\.xml: unreadable: expected <\/names> at offset \d+/);
  });
});
