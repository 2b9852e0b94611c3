// Judging cost: a C++ solution against 100 small tests, all in one run, against two baselines measured
// alongside: compile + 100 bare runs over the same number of parallel workers (no sandbox at all), and
// Judge0's way, compiling again for every test (each compile and run in a box).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Engine } from '../src/engine/execute.js';
import { judgeSubmission, loadProblem, type Problem } from '../src/judge/index.js';
import { getLanguage } from '../src/languages/registry.js';
import { startDaemon, stopDaemon } from '../src/sandbox/daemon.js';
import { SlotPool } from '../src/sandbox/slots.js';
import { BadSample, checkNotFasterThanBare, checkSample, checkWithinBound } from './check.js';
import { cpuOf, machineBusyMs, processCpuMs } from './cpu.js';
import { benchSlot, describeMachine, type Figure, figure, machine, median, printFigures, table, timeRuns, tool, writeResult } from './lib.js';

const exec = promisify(execFile);
const SOURCE = '#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n';
/** Slots of their own, apart from tests (6000+), one-shot commands (1000-1063) and the sandbox bench (1990). */
const FIRST_SLOT = benchSlot(1900);

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
  return getLanguage('cpp')
    .compile!.filter((a) => a !== '{options}')
    .map((a) => (a === '{sources}' ? 'main.cpp' : a));
}

/** One round's milliseconds: the whole, and its compile and test-run parts, each measured (never one minus another's median). */
interface Round {
  total: number;
  compile: number;
  runs: number;
  /** Busy CPU of the machine during the test runs, and (airlock) this process's share of it: the judge's own. */
  runsCpu: number;
  judgeCpu?: number;
}

/** The machine's and this process's CPU so far, to subtract. */
const cpuNow = () => ({ machine: machineBusyMs(), node: processCpuMs(process.pid) });

/**
 * The baseline: g++ with the language's flags, then every test run bare from a C loop (spawntime), `slots` at a time,
 * each run's stdout compared with the test's answer byte for byte. Milliseconds: the compile plus the loop's own time.
 */
async function bare(problem: Problem, slots: number, round: number): Promise<Round> {
  const work = mkdtempSync(join(tmpdir(), 'airlock-bare-'));
  writeFileSync(join(work, 'main.cpp'), SOURCE);
  const list = join(work, 'tests.tsv');
  writeFileSync(list, problem.tests.map((t) => `${t.input}\t${t.answer}\n`).join(''));
  const [cmd, ...args] = bareCompileCommand();
  const compile = await time(() => exec(cmd!, args, { cwd: work }));
  const { result: runs, cpu } = await cpuOf([], () =>
    timeRuns(`bare runs, round ${round}`, tool('spawntime'), ['-j', String(slots), '-T', list, String(problem.tests.length), join(work, 'main')]),
  );
  return { total: compile + runs.totalMs, compile, runs: runs.totalMs, runsCpu: cpu.machine };
}

/** Judge0's way: every test compiles the source again, then runs it, each in a box. */
async function compileEachTime(engine: Engine, problem: Problem, tests: number): Promise<void> {
  await Promise.all(
    problem.tests.slice(0, tests).map(async (t) => {
      const r = await engine.execute({ language: 'cpp', files: [{ name: 'main.cpp', content: Buffer.from(SOURCE) }], stdin: readFileSync(t.input) });
      checkSample(
        `compile per test, ${t.name}`,
        { status: r.status, exitCode: r.exitCode, stdout: r.stdout.toString(), message: r.message },
        { stdout: readFileSync(t.answer!, 'utf8') },
      );
    }),
  );
}

/** `npm run bench -- judge [--tests N] [--slots N] [--rounds N] [--judge0-tests N]`. */
export async function run(args: string[]): Promise<Figure[]> {
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
  const started = machine();
  // Boxes through the launcher daemon, as the service runs them.
  await startDaemon();
  try {
    return await measure();
  } finally {
    stopDaemon();
  }

  async function measure(): Promise<Figure[]> {
    console.log(`${n} tests, ${slots} slots, ${rounds} rounds (interleaved, medians), every verdict and bare output checked; ${describeMachine(started)}\n`);
    const airlock: Round[] = [];
    const baseline: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      // The compile event splits the judgement: before it the compile (and the problem's setup), after it the tests.
      let compiled = 0;
      let atCompile = cpuNow();
      const t0 = performance.now();
      const onEvent = (e: { type: string }) => {
        if (e.type !== 'compile') return;
        compiled = performance.now();
        atCompile = cpuNow();
      };
      const result = await judgeSubmission(engine, problem, submission, { onEvent });
      const end = performance.now();
      const atEnd = cpuNow();
      checkSample(`airlock judge, round ${r}`, { status: result.verdict, message: result.reason }, { status: 'AC' });
      if (!compiled) throw new BadSample(`airlock judge, round ${r}: no compile event`);
      airlock.push({
        total: end - t0,
        compile: compiled - t0,
        runs: end - compiled,
        runsCpu: atEnd.machine - atCompile.machine,
        judgeCpu: atEnd.node - atCompile.node,
      });
      baseline.push(await bare(problem, slots, r));
    }
    const judge0Measured = await time(() => compileEachTime(engine, problem, judge0Tests));
    const judge0 = (judge0Measured * n) / judge0Tests;

    const of = (rs: Round[], part: 'total' | 'compile' | 'runs') => median(rs.map((x) => x[part]));
    const sum = (rs: Round[], part: 'runsCpu' | 'judgeCpu') => rs.reduce((acc, x) => acc + (x[part] ?? 0), 0);
    // CPU per test: the bare runs; the boxed runs (machine); the judge's own (this process) among them.
    const perTest = (ms: number) => ms / (rounds * n);
    const [bareCpu, boxedCpu, judgeCpu] = [perTest(sum(baseline, 'runsCpu')), perTest(sum(airlock, 'runsCpu')), perTest(sum(airlock, 'judgeCpu'))];
    // With no judge cost and every core busy, the test runs could take no less than their boxes' CPU over the cores.
    const cores = availableParallelism();
    const floorRuns = ((boxedCpu - judgeCpu) * n) / cores;
    const a = of(airlock, 'total');
    const b = of(baseline, 'total');
    const [ca, cb, ra, rb] = [of(airlock, 'compile'), of(baseline, 'compile'), of(airlock, 'runs'), of(baseline, 'runs')];
    const floor = (ca + floorRuns) / b;
    const rows: (string | number)[][] = [
      ['variant', 'total ms', 'compile ms', `${n} runs ms`, 'per run ms', 'vs bare'],
      ['bare: compile + bare runs', b.toFixed(0), cb.toFixed(0), rb.toFixed(0), ((rb / n) * slots).toFixed(2), '1.00'],
      ['airlock judge (compile once, box per test)', a.toFixed(0), ca.toFixed(0), ra.toFixed(0), ((ra / n) * slots).toFixed(2), (a / b).toFixed(2)],
      [`compile per test, as Judge0${judge0Tests < n ? ` (${judge0Tests} measured, scaled)` : ''}`, judge0.toFixed(0), '-', '-', '-', (judge0 / b).toFixed(2)],
    ];
    console.log(table(rows));
    checkNotFasterThanBare('airlock judge (compile once, box per test)', a, b);
    checkWithinBound('airlock judge (compile once, box per test)', a / b, floor, 'floor');
    const ratio = a / b;
    console.log(`\nmedians of each column over the rounds (a total is not the sum of its parts' medians)`);
    console.log(`box cost per test over a bare run: ${(((ra - rb) / n) * slots).toFixed(2)} ms of slot time`);
    console.log(`compile once instead of per test: ${(judge0 / a).toFixed(1)}x faster`);
    console.log(
      `machine CPU per test: bare run ${bareCpu.toFixed(2)} ms; boxed ${boxedCpu.toFixed(2)} ms, of which the judge (this process) ${judgeCpu.toFixed(2)} ms`,
    );
    console.log(
      `so with a fresh box per test and nothing else, ${n} tests need at least ${floorRuns.toFixed(0)} ms on ${cores} cores: ` +
        `${floor.toFixed(2)}x with this compile`,
    );
    const figures = [
      figure(
        `judging ${n} C++ tests vs one compile + ${n} bare runs`,
        ratio,
        'x',
        `g++ once + ${n} bare runs from a C loop, ${slots} at a time: ${b.toFixed(0)} ms`,
        { op: '<=', value: 1.2 },
      ),
      figure(
        `floor of the judging ratio set by the boxes alone (their CPU over ${cores} cores, no judge cost)`,
        floor,
        'x',
        `bare run ${bareCpu.toFixed(2)} ms of machine CPU per test, boxed without the judge ${(boxedCpu - judgeCpu).toFixed(2)} ms`,
        null,
      ),
    ];
    printFigures(figures);
    console.log(
      `wrote ${writeResult(
        'judge',
        {
          tests: n,
          slots,
          rounds,
          airlockMs: a,
          bareMs: b,
          airlockCompileMs: ca,
          bareCompileMs: cb,
          airlockRunsMs: ra,
          bareRunsMs: rb,
          compilePerTestMs: judge0,
          machineCpuMsPerTest: { bare: bareCpu, boxed: boxedCpu, judge: judgeCpu },
          floorRatio: floor,
          compilePerTestMeasuredTests: judge0Tests,
          ratioVsBare: ratio,
          speedupVsCompilePerTest: judge0 / a,
          samples: { airlock, bare: baseline },
        },
        figures,
        started,
      )}`,
    );
    return figures;
  }
}
