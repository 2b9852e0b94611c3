// One batch run: POST /v1/runs and wait; a run that outlasts the server's sync timeout (202) is polled until it ends.
import { api, ApiError } from './client.js';
import type { Run, RunRequest } from './types.js';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(new ApiError('AIRLOCK_WEB_ABORTED', 'Stopped.'))), { once: true });
  });

/** Run a program to its end. Aborting the signal hangs up, which makes the server cancel the run. */
export async function runProgram(req: RunRequest, signal: AbortSignal): Promise<Run> {
  let { status, body: run } = await api<Run>('v1/runs?wait=true', { body: req, signal });
  while (status === 202 || run.state === 'queued' || run.state === 'running') {
    await sleep(500, signal).catch(async (e) => {
      // Polling does not hold a connection, so stopping has to cancel the run explicitly.
      await api(`v1/runs/${encodeURIComponent(run.id)}`, { method: 'DELETE' }).catch(() => {});
      throw e;
    });
    ({ status, body: run } = await api<Run>(`v1/runs/${encodeURIComponent(run.id)}`, { signal }));
  }
  return run;
}

/** The error a finished run carries instead of a result (state failed or cancelled), if any. */
export function runFailure(run: Run): ApiError | undefined {
  if (run.state === 'done' && run.result) return undefined;
  if (run.state === 'cancelled') return new ApiError('AIRLOCK_ERR_CANCELLED', 'The run was cancelled.');
  const e = run.error;
  if (e && typeof e === 'object') return new ApiError(e.code ?? 'AIRLOCK_ERR_INTERNAL', e.message ?? 'The run failed.');
  return new ApiError('AIRLOCK_ERR_INTERNAL', typeof e === 'string' ? e : 'The run failed without a result.');
}
