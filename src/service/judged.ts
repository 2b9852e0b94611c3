// A run sent with tests: the service's run path hands it to the judge (compile once, each test in its own box,
// tests spread over the slots) and reports the judgement as the run's result.
import { join } from 'node:path';
import type { RunResult, Stage } from '../contracts/result.js';
import type { Engine } from '../engine/execute.js';
import { makeStaging } from '../engine/workspace.js';
import { inlineProblem, type InlineTests, type JudgeEvent, type JudgeResult, judgeSubmission, type TestResult } from '../judge/index.js';
import { getLanguage } from '../languages/registry.js';
import { type BoxLimits, defaultRunLimits } from '../sandbox/limits.js';
import { underCeiling } from '../judge/jury.js';
import type { Job } from '../queue/types.js';
import type { RunRecord, RunSpec } from '../store/types.js';
import type { Metrics } from './metrics.js';
import { toExecute } from './spec.js';
import { testView } from './judge-view.js';

const MiB = 1024 * 1024;

/** Judge a run that carries tests; the program failing is a verdict, only our failures throw. */
export async function judgeRun(deps: { engine: Engine; metrics: Metrics }, run: RunRecord, job: Job, signal: AbortSignal): Promise<RunResult> {
  const spec = run.spec;
  const judge = spec.judge!;
  const req = toExecute(spec);
  const staging = await makeStaging(deps.engine.config.workDir);
  try {
    const tests: InlineTests['tests'] = judge.tests.map((t) => ({
      name: t.name,
      input: Buffer.from(t.input, 'base64'),
      ...(t.output !== undefined ? { answer: Buffer.from(t.output, 'base64') } : {}),
      ...(t.points !== undefined ? { points: t.points } : {}),
    }));
    const problem = await inlineProblem(join(staging.dir, 'tests'), {
      tests,
      limits: testLimits(spec, deps.engine.config.ceiling),
      ...(judge.checker ? { checker: judge.checker } : {}),
    });
    const onEvent = (e: JudgeEvent) => {
      if (e.type === 'compile') deps.metrics.stage.observe({ stage: 'compile' }, e.compile.wallTime);
      if (e.type === 'test') deps.metrics.stage.observe({ stage: 'run' }, e.test.wallTime);
      job.live?.onJudge?.(e);
    };
    const result = await judgeSubmission(
      deps.engine,
      problem,
      {
        language: req.language,
        files: req.files,
        ...(req.main !== undefined ? { main: req.main } : {}),
        ...(req.compileOptions ? { compileOptions: req.compileOptions } : {}),
        ...(req.dialect ? { dialect: req.dialect } : {}),
        ...(req.compileLimits ? { compileLimits: req.compileLimits } : {}),
        ...(req.args ? { args: req.args } : {}),
      },
      { signal, onEvent, excerptBytes: excerptBytes(tests.length) },
    );
    return judgedResult(result, spec.outputEncoding);
  } finally {
    await staging.dispose();
  }
}

/** The limits a plain run would get (defaults, the language's, the caller's) as every test's, a default above a server ceiling lowered to it. */
function testLimits(spec: RunSpec, ceiling: BoxLimits | undefined) {
  const l = underCeiling({ ...defaultRunLimits, ...getLanguage(spec.language).runLimits, ...spec.limits }, ceiling) as BoxLimits;
  return { time: l.cpuTime, wallTime: l.wallTime, memory: l.memory, output: l.output, processes: l.processes, fileSize: l.fileSize };
}

/** Output kept per test: a single test (expectedOutput) keeps up to 1 MiB, many share 1 MiB, at least 1 KiB each. */
function excerptBytes(tests: number): number {
  return Math.max(1024, Math.floor(MiB / tests));
}

/**
 * The judgement as a run result: per-test outcomes, the verdict and score, and in the run's own fields the test
 * that decided (the first that did not pass, else the first), so a client reading only `status` and `stdout` sees it.
 */
export function judgedResult(r: JudgeResult, want: 'utf8' | 'base64'): RunResult {
  const encode = want === 'base64' ? (s: string) => Buffer.from(s, 'utf8').toString('base64') : (s: string) => s;
  const decisive = r.tests.find((t) => t.verdict !== 'AC' && t.verdict !== 'SKIPPED') ?? r.tests[0];
  const c = r.compile;
  const compile: Stage | null = c
    ? {
        status: c.status === 'OK' ? 'OK' : c.status,
        exitCode: 0,
        signal: 0,
        stdout: '',
        stderr: encode(c.output),
        cpuTime: c.cpuTime,
        wallTime: c.wallTime,
        memory: 0,
        message: c.message,
      }
    : null;
  return {
    status: r.verdict === 'CE' ? 'CE' : decisive ? statusOf(decisive) : 'IE',
    exitCode: decisive?.exitCode ?? 0,
    signal: decisive?.signal ?? 0,
    stdout: encode(decisive?.output ?? ''),
    stderr: encode(decisive?.stderr ?? ''),
    cpuTime: r.cpuTime,
    wallTime: Math.max(0, ...r.tests.map((t) => t.wallTime)),
    memory: r.memory,
    message: r.verdict === 'AC' ? '' : r.reason,
    encoding: want,
    compile,
    tests: r.tests.map((t) => testView(t, encode)),
    verdict: r.verdict,
    reason: r.reason,
    score: r.score,
    maxScore: r.maxScore,
  };
}

/** A test's verdict as a box status: the program ran fine (OK) when only its answer was judged. */
function statusOf(t: TestResult): RunResult['status'] {
  return t.verdict === 'AC' || t.verdict === 'WA' || t.verdict === 'SKIPPED' ? 'OK' : t.verdict;
}
