// One run in the engine: compile if needed, run in a fresh box with live I/O for stream sessions, time the stages.
import type { RunResult } from '../contracts/result.js';
import type { Engine, RunRequest } from '../engine/execute.js';
import { isAirlockError } from '../errors.js';
import type { Job } from '../queue/types.js';
import type { RunRecord } from '../store/types.js';
import type { Metrics } from './metrics.js';
import { toResult } from './result.js';
import { judgeRun } from './judged.js';
import { toExecute } from './spec.js';

/** Compile (if needed) and run once; the program's failure is a result, only our failures throw. */
export async function executeRun(deps: { engine: Engine; metrics: Metrics }, run: RunRecord, job: Job, signal: AbortSignal): Promise<RunResult> {
  const { engine, metrics } = deps;
  // Tests sent with the run: the judge takes it from here (it compiles once and runs every test in its own box).
  if (run.spec.judge) return judgeRun(deps, run, job, signal);
  const req = toExecute(run.spec);
  const program = await engine.prepare(req, signal);
  try {
    if (program.compile) metrics.stage.observe({ stage: 'compile' }, program.compile.wallTime);
    if (program.compile) job.live?.onCompiled?.(program.compile);
    if (program.failed) return toResult(program.failed, program.compile, run.spec.outputEncoding);
    const t1 = performance.now();
    const out = await engine.run(
      program,
      {
        ...(job.live ? { io: liveIO(job.live) } : { stdin: req.stdin! }),
        ...(job.live?.terminal ? { tty: true } : {}),
        ...(req.args ? { args: req.args } : {}),
        ...(req.limits ? { limits: req.limits } : {}),
        ...(run.spec.network ? { network: true } : {}),
      },
      signal,
    );
    metrics.stage.observe({ stage: 'run' }, out.wallTime);
    metrics.overhead.observe(Math.max(0, (performance.now() - t1) / 1000 - out.wallTime));
    return toResult(out, program.compile, run.spec.outputEncoding);
  } finally {
    await program.dispose();
  }
}

/** A stream session's I/O for the box; with a terminal, the box gets a pty of that size. */
function liveIO(live: NonNullable<Job['live']>): RunRequest['io'] {
  const { stdin, onStdout, onStderr, terminal } = live;
  return { stdin, onStdout, onStderr, ...(terminal ? { terminal } : {}) };
}

/** A launcher killed with its parent can hold its slot for a moment after a restart: wait and try again, a few times. */
export async function slotRetry<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isAirlockError(e, 'AIRLOCK_ERR_NO_SLOT') || i >= 5 || signal.aborted) throw e;
      await new Promise((r) => setTimeout(r, 100 * 2 ** i));
    }
  }
}
