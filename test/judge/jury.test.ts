// The jury's programs: checker programs see testlib's arguments, give partial credit, and when they
// (or an interactor) break, the verdict is IE with the reason, never a verdict against the solution.
// Also the transcript of an interactive test, relayed through the judge.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Engine } from '../../src/engine/execute.js';
import { inlineProblem, judgeEvents, judgeSubmission, loadProblem, prepareProblem, type Submission } from '../../src/judge/index.js';
import { checkerLimits, underCeiling } from '../../src/judge/jury.js';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { boxProcesses, repoRoot, testSlot } from '../helpers/box.js';
import { writePackage } from '../helpers/package.js';

const workDir = mkdtempSync(join(tmpdir(), 'airlock-jury-'));
const engine = new Engine({ workDir, slots: new SlotPool(4, testSlot(410)) });
const echo: Submission = { language: 'python3', files: [{ name: 'echo.py', content: Buffer.from('import sys\nsys.stdout.write(sys.stdin.read())\n') }] };

const pkg = writePackage;

/** A batch problem with one test "hello" and the given checker file. */
function withChecker(name: string, source: string) {
  return pkg({
    'problem.json': JSON.stringify({ name: 'checked', checker: { type: 'program', source: name } }),
    'statement.md': '# checked\n',
    'tests/1.in': 'hello\n',
    'tests/1.ans': 'hello\n',
    [name]: source,
  });
}

async function judgeWith(dir: string, submission = echo) {
  return judgeSubmission(engine, await loadProblem(dir), submission);
}

describe('checker programs', () => {
  test("get input, output and answer as files in testlib's order; their stderr is the message", async () => {
    const checker = [
      'import sys',
      'inp, out, ans = (open(p).read() for p in sys.argv[1:4])',
      'print(f"in={inp.strip()} out={out.strip()} ans={ans.strip()}", file=sys.stderr)',
      'sys.exit(0 if out == ans else 1)',
    ].join('\n');
    const r = await judgeWith(withChecker('check.py', checker));
    assert.equal(r.verdict, 'AC', r.reason);
    assert.equal(r.tests[0]!.checker, 'in=hello out=hello ans=hello');
    const wrong = await judgeWith(withChecker('check.py', checker), { language: 'python3', files: [{ name: 'x.py', content: Buffer.from('print("bye")') }] });
    assert.equal(wrong.verdict, 'WA');
    assert.match(wrong.reason, /in=hello out=bye ans=hello/);
  });

  test("a C checker, compiled once per problem, with partial credit (exit 7, testlib's quitp)", async () => {
    const checker = '#include <stdio.h>\nint main(void) { fputs("points 0.25 a quarter\\n", stderr); return 7; }\n';
    const r = await judgeWith(withChecker('check.c', checker));
    assert.equal(r.verdict, 'WA');
    assert.equal(r.tests[0]!.score, 0.25);
    assert.equal(r.score, 25);
  });

  const broken: Array<[string, string, string, RegExp]> = [
    ['raises an exception', 'check.py', 'import sys\n1 / 0\n', /checker raised an exception: ZeroDivisionError/],
    [
      'says "fail" (exit 3)',
      'check.py',
      'import sys\nprint("FAIL the answer file is empty", file=sys.stderr)\nsys.exit(3)\n',
      /checker failed.*FAIL the answer file is empty/,
    ],
    ['exits with a code testlib does not define', 'check.py', 'import sys\nsys.exit(42)\n', /checker exited with code 42/],
    ['crashes with a signal', 'check.c', 'int main(void) { volatile int *p = 0; return *p; }\n', /checker was killed by SIGSEGV/],
    ['does not compile', 'check.c', 'int main(void) { return nope; }\n', /checker check\.c does not compile: [^]*nope/],
  ];
  for (const [what, name, source, reason] of broken) {
    test(`a checker that ${what} gives IE with the reason`, async () => {
      const r = await judgeWith(withChecker(name, source));
      assert.equal(r.verdict, 'IE', r.reason);
      assert.match(r.reason, reason);
    });
  }
});

describe('interactors', () => {
  const guess = join(repoRoot, 'examples/problems/guess');
  const solution = (file: string): Submission => ({ files: [{ name: file, content: readFileSync(join(guess, 'solutions', file)) }] });

  /** The guess problem with its interactor replaced, or its problem.json changed. */
  function variant(change: { interactor?: string; problem?: object }): string {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-guess-'));
    cpSync(guess, dir, { recursive: true });
    if (change.interactor) writeFileSync(join(dir, 'interactor.py'), change.interactor);
    if (change.problem)
      writeFileSync(join(dir, 'problem.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(guess, 'problem.json'), 'utf8')), ...change.problem }));
    return dir;
  }

  test('an interactor that says "fail" gives IE with its message', async () => {
    const dir = variant({ interactor: 'import sys\nprint("FAIL cannot read the test", file=sys.stderr)\nsys.exit(3)\n' });
    const r = await judgeWith(dir, solution('ac.py'));
    assert.equal(r.verdict, 'IE', r.reason);
    assert.match(r.reason, /interactor failed.*cannot read the test/);
  });

  test('an interactor that crashes gives IE, even when the solution is fine', async () => {
    const dir = variant({ interactor: 'n, x = map(int, open(__import__("sys").argv[1]).read().split())\nprint(n, flush=True)\ninput()\n{}["missing"]\n' });
    const r = await judgeWith(dir, solution('ac.cpp'));
    assert.equal(r.verdict, 'IE', r.reason);
    assert.match(r.reason, /interactor raised an exception: KeyError/);
  });

  test('with a transcript the judge relays the dialogue and records it; verdicts stay the same', async () => {
    const dir = variant({ problem: { transcript: true } });
    const problem = await loadProblem(dir);
    const ok = await judgeSubmission(engine, problem, solution('ac.py'));
    assert.equal(ok.verdict, 'AC', ok.reason);
    const t = ok.tests.find((x) => x.name === '02')!.transcript!;
    assert.match(t, /^< 10\n> \? 5\n< >\n/);
    assert.match(t, /> ! 7\n$/);
    const wa = await judgeSubmission(engine, problem, solution('wa-linear.py'));
    assert.equal(wa.verdict, 'WA', wa.reason);
    const re = await judgeSubmission(engine, problem, solution('re.py'));
    assert.equal(re.verdict, 'RE', re.reason);
  });
});

test('cancelling a judgement stops its boxes, rejects with AIRLOCK_ERR_CANCELLED and leaves nothing behind', async () => {
  const aplusb = join(repoRoot, 'examples/problems/aplusb');
  const ac = new AbortController();
  const started = Date.now();
  const judging = judgeSubmission(
    engine,
    await loadProblem(aplusb),
    { files: [{ name: 'tle.c', content: readFileSync(join(aplusb, 'solutions/tle.c')) }] },
    {
      signal: ac.signal,
      onEvent: (e) => e.type === 'compile' && setTimeout(() => ac.abort(), 300),
    },
  );
  await assert.rejects(judging, { code: 'AIRLOCK_ERR_CANCELLED' });
  assert.ok(Date.now() - started < 10_000, "stopped well before the tests' limits");
  assert.deepEqual(readdirSync(workDir), [], 'staging directories removed');
  for (let i = 0; i < 4; i++) assert.deepEqual(boxProcesses(testSlot(410) + i), []);
});

test("limits above the server's ceilings: the package is refused once; jury programs are lowered to fit", async () => {
  const ceiling = { ...defaultRunLimits, memory: 32 * 1024 * 1024 };
  const strict = new Engine({ workDir, slots: new SlotPool(1, testSlot(410)), ceiling });
  await assert.rejects(prepareProblem(strict, await loadProblem(join(repoRoot, 'examples/problems/aplusb'))), {
    code: 'AIRLOCK_ERR_BAD_PROBLEM',
    message: /test 01: memory 67108864 is above this server's ceiling 33554432/,
  });
  assert.equal(underCeiling(checkerLimits, ceiling).memory, 32 * 1024 * 1024);
  assert.equal(underCeiling(checkerLimits, ceiling).cpuTime, 5);
});

test("inline tests (for /v1/runs): written to a directory, judged like a package; bad input is the caller's error", async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'airlock-inline-')), 'tests');
  const problem = await inlineProblem(dir, {
    tests: [
      { input: '1 2\n', answer: '3\n' },
      { name: 'big', input: '2000000000 2000000000\n', answer: '4000000000\n' },
    ],
    checker: { type: 'tokens' },
    limits: { time: 1 },
  });
  const sum = { language: 'python3', files: [{ name: 'a.py', content: Buffer.from('a, b = map(int, input().split())\nprint(a + b)\n') }] };
  const r = await judgeSubmission(engine, problem, sum);
  assert.deepEqual([r.verdict, r.score, r.tests.map((t) => t.name)], ['AC', 100, ['1', 'big']]);
  await assert.rejects(inlineProblem(dir, { tests: [] }), { code: 'AIRLOCK_ERR_BAD_ARGUMENT' });
  // A test without an answer is only run: the program's own end decides; points given for every test set the maximum.
  const unchecked = await inlineProblem(join(dir, '..', 'unchecked'), {
    tests: [
      { input: '1 2\n', points: 2 },
      { input: 'x\n', points: 3 },
    ],
  });
  const ran = await judgeSubmission(engine, unchecked, sum);
  assert.deepEqual([ran.verdict, ran.score, ran.maxScore, ran.tests.map((t) => t.verdict)], ['RE', 2, 5, ['AC', 'RE']]);
  assert.equal(ran.tests[0]!.output, '3\n');
  await assert.rejects(inlineProblem(dir, { tests: [{ input: '1', points: -1 }] }), { code: 'AIRLOCK_ERR_BAD_ARGUMENT', message: /points/ });
  await assert.rejects(inlineProblem(dir, { tests: [{ name: '../x', input: '', answer: '' }] }), { code: 'AIRLOCK_ERR_BAD_ARGUMENT' });
});

test('judgeEvents: the same judgement as an async iterator, "done" last', async () => {
  const aplusb = join(repoRoot, 'examples/problems/aplusb');
  const types: string[] = [];
  let done: unknown;
  for await (const e of judgeEvents(engine, await loadProblem(aplusb), { files: [{ name: 'ac.c', content: readFileSync(join(aplusb, 'solutions/ac.c')) }] })) {
    types.push(e.type);
    if (e.type === 'done') done = e.result;
  }
  assert.deepEqual(types, ['compile', 'test', 'test', 'test', 'test', 'group', 'done']);
  assert.equal((done as { verdict: string }).verdict, 'AC');
  const failing = judgeEvents(engine, await loadProblem(aplusb), { language: 'brainfog', files: [{ name: 'x', content: Buffer.from('') }] });
  await assert.rejects(failing.next(), { code: 'AIRLOCK_ERR_UNKNOWN_LANGUAGE' });
});
