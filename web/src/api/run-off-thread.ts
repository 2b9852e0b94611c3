// The page's side of the run worker (run-worker.ts): one worker per run, ended with it.
import { ApiError } from './client.js';
import type { Cut } from './big-output.js';
import type { WorkerAnswer, WorkerRequest } from './run-worker.js';
import { runProgram } from './runs.js';
import type { Run, RunRequest } from './types.js';

/** A finished run and the outputs that were too big to show whole. */
export interface RunOutcome {
  run: Run;
  cuts: Partial<Record<'stdout' | 'stderr' | 'compile', Cut>>;
}

/** Run a program to its end off the main thread; where workers are unavailable, on it. Aborting stops the run. */
export async function runOffThread(req: RunRequest, signal: AbortSignal): Promise<RunOutcome> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return { run: await runProgram(req, signal), cuts: {} };
  }
  const send = (m: WorkerRequest) => worker.postMessage(m);
  try {
    return await new Promise<RunOutcome>((resolve, reject) => {
      signal.addEventListener('abort', () => send({ type: 'abort' }), { once: true });
      worker.addEventListener('message', (ev: MessageEvent<WorkerAnswer>) => {
        const a = ev.data;
        if (a.ok) resolve({ run: a.run, cuts: a.cuts });
        else reject(new ApiError(a.error.code, a.error.message, a.error.status, a.error.requestId, a.error.retryAfter));
      });
      worker.addEventListener('error', (e) => reject(new ApiError('AIRLOCK_WEB_HTTP', `The page's run worker failed: ${e.message}`)));
      send({ type: 'run', base: document.baseURI, req });
    });
  } finally {
    worker.terminate();
  }
}
