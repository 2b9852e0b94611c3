// Judging cost: a C++ solution against 100 small tests, all in one run, against two baselines measured
// alongside: compile + 100 bare runs over the same number of parallel workers (no sandbox at all), and
// Judge0's way, compiling again for every test (each compile and run in a box).
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Engine } from '../src/engine/execute.js';
import { tokens } from '../src/judge/checkers/tokens.js';
import { Gate } from '../src/judge/gate.js';
import { judgeSubmission, loadProblem, type Problem } from '../src/judge/index.js';
import { getLanguage } from '../src/languages/registry.js';
import { SlotPool } from '../src/sandbox/slots.js';
import { median, table, writeResult } from './lib.js';

const exec = promisify(execFile);
const SOURCE = '#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n';
/** Slots of their own, apart from tests (6000+), one-shot commands (1000-1063) and the sandbox bench (1990). */
const FIRST_SLOT = 1900;

/** A package of n A+B tests. */
function makeProblem(dir: string, n: number): string {
  mkdirSync(join(dir, 'tests'), { recursive: true });
  writeFileSync(join(dir, 'problem.json'), JSON.stringify({ name: 'bench A+B', limits: { time: 1, memory: 64 } }));
  writeFileSync(join(dir, 'statement.md'), '# A+B\n');
  for (let i = 1; i <= n; i++) {
    const a = (i * 7919) % 100003;
    const b = (i * 104729) % 1000003;
    writeFileSync(join(dir, 'tests', `${i}.in`), `${a} ${b}\n`);
    writeFileSync(join(dir, 'tests', `${i}.ans`), `${a + b}\n`);
  }
  return dir;
}

/** Milliseconds fn takes. */
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** The language's compile command for main.cpp, as the engine fills it in (no extra options). */
function bareCompileCommand(): string[] {
  return getLanguage('cpp').compile!.filter((a) => a !== '{options}').map((a) => (a === '{sources}' ? 'main.cpp' : a));
}

/** The baseline: g++ with the language's flags, then every test run bare, `slots` at a time, checked like airlock does. */
async function bare(dir: string, problem: Problem, slots: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'airlock-bare-'));
  writeFileSync(join(work, 'main.cpp'), SOURCE);
  const [cmd, ...args] = bareCompileCommand();
  await exec(cmd!, args, { cwd: work });
  const gate = new Gate(slots);
  await Promise.all(problem.tests.map((t) => gate.run(() => new Promise<void>((resolve, reject) => {
    const child = spawn(join(work, 'main'), [], { stdio: ['pipe', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stdin.end(readFileSync(t.input));
    child.on('error', reject);
    child.on('close', () => {
      if (tokens(Buffer.concat(out), readFileSync(t.answer!)).verdict !== 'AC') reject(new Error(`bare run failed on ${t.name}`));
      resolve();
    });
  }))));
}

/** Judge0's way: every test compiles the source again, then runs it, each in a box. */
async function compileEachTime(engine: Engine, problem: Problem, tests: number): Promise<void> {
  await Promise.all(problem.tests.slice(0, tests).map(async (t) => {
    const r = await engine.execute({ language: 'cpp', files: [{ name: 'main.cpp', content: Buffer.from(SOURCE) }], stdin: readFileSync(t.input) });
    if (r.status !== 'OK') throw new Error(`compile-per-test run failed: ${r.status} ${r.message}`);
  }));
}

export async function run(args: string[]): Promise<void> {
  const opt = (name: string, def: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  const n = opt('tests', 100);
  const slots = opt('slots', availableParallelism());
  const rounds = opt('rounds', 3);
  const judge0Tests = Math.min(n, opt('judge0-tests', 20));
  const dir = makeProblem(mkdtempSync(join(tmpdir(), 'airlock-bench-judge-')), n);
  const problem = await loadProblem(dir);
  const engine = new Engine({ workDir: join(dir, '.work'), slots: new SlotPool(slots, FIRST_SLOT) });
  const submission = { language: 'cpp', files: [{ name: 'main.cpp', content: Buffer.from(SOURCE) }] };

  console.log(`${n} tests, ${slots} slots, ${rounds} rounds (interleaved, medians)\n`);
  const airlock: number[] = [];
  const baseline: number[] = [];
  for (let r = 0; r < rounds; r++) {
    airlock.push(await time(async () => {
      const result = await judgeSubmission(engine, problem, submission);
      if (result.verdict !== 'AC') throw new Error(`airlock judged ${result.verdict}: ${result.reason}`);
    }));
    baseline.push(await time(() => bare(dir, problem, slots)));
  }
  // Compile alone, boxed and bare, to split the totals into compile and runs.
  const boxedCompile: number[] = [];
  const bareCompile: number[] = [];
  for (let r = 0; r < rounds; r++) {
    boxedCompile.push(await time(async () => (await engine.prepare(submission)).dispose()));
    const work = mkdtempSync(join(tmpdir(), 'airlock-bare-'));
    writeFileSync(join(work, 'main.cpp'), SOURCE);
    const [cmd, ...cargs] = bareCompileCommand();
    bareCompile.push(await time(() => exec(cmd!, cargs, { cwd: work })));
  }
  const judge0Measured = await time(() => compileEachTime(engine, problem, judge0Tests));
  const judge0 = (judge0Measured * n) / judge0Tests;

  const a = median(airlock);
  const b = median(baseline);
  const ca = median(boxedCompile);
  const cb = median(bareCompile);
  const rows: (string | number)[][] = [
    ['variant', 'total ms', 'compile ms', `${n} runs ms`, 'per run ms', 'vs bare'],
    ['bare: compile + bare runs', b.toFixed(0), cb.toFixed(0), (b - cb).toFixed(0), ((b - cb) / n * slots).toFixed(2), '1.00'],
    ['airlock judge (compile once, box per test)', a.toFixed(0), ca.toFixed(0), (a - ca).toFixed(0), ((a - ca) / n * slots).toFixed(2), (a / b).toFixed(2)],
    [`compile per test, as Judge0${judge0Tests < n ? ` (${judge0Tests} measured, scaled)` : ''}`, judge0.toFixed(0), '-', '-', '-', (judge0 / b).toFixed(2)],
  ];
  console.log(table(rows));
  const target = 1.3;
  const ratio = a / b;
  console.log(`\nairlock vs bare: ${ratio.toFixed(2)}x (target <= ${target}x): ${ratio <= target ? 'met' : 'NOT met'}`);
  console.log(`box cost per test over a bare run: ${(((a - ca) - (b - cb)) / n * slots).toFixed(2)} ms of slot time`);
  console.log(`compile once instead of per test: ${(judge0 / a).toFixed(1)}x faster`);
  console.log(`wrote ${writeResult('judge', {
    tests: n, slots, rounds,
    airlockMs: a, bareMs: b, airlockCompileMs: ca, bareCompileMs: cb, compilePerTestMs: judge0, compilePerTestMeasuredTests: judge0Tests,
    ratioVsBare: ratio, targetRatio: target, met: ratio <= target, speedupVsCompilePerTest: judge0 / a,
    samples: { airlock, bare: baseline, boxedCompile, bareCompile },
  })}`);
}
