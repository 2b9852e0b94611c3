// A Jobe run, start to end, shedding load as Jobe does: a run that waits too long for a box is given up (outcome 21).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../api/types.js';
import type { Principal } from '../../auth/types.js';
import type { RunRequest } from '../../contracts/request.js';
import { isAirlockError } from '../../errors.js';
import type { RunRecord } from '../../store/types.js';
import type { JobeCompat } from './run.js';

/**
 * The finished run, or 'overload': the queue was full, or the run was still waiting for a box after
 * jobe.waitTimeout seconds (Jobe waits that long for a free user, then answers "server overload"). Shedding keeps
 * latency bounded under sustained overload, where a queue alone would grow it without limit; the client (CodeRunner)
 * retries an overload later. A client that hangs up cancels its run.
 */
export async function runOrShed(
  deps: AppDeps,
  body: RunRequest,
  compat: JobeCompat,
  who: Principal,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<RunRecord | 'overload'> {
  const { service, config } = deps;
  let run: RunRecord;
  try {
    [run] = (await service.submit([body], who, { mode: 'sync', requestId: req.id, compat: [compat] })) as [RunRecord];
  } catch (e) {
    if (isAirlockError(e, 'AIRLOCK_ERR_QUEUE_FULL')) return 'overload';
    throw e;
  }
  const cancel = () => service.cancel(run.id, who).catch(() => {});
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) void cancel();
  });
  const waited = await service.wait(run.id, config.jobe.waitTimeout * 1000);
  if (waited.state === 'queued') {
    await cancel();
    return 'overload';
  }
  if (waited.state !== 'running') return waited;
  // Started: wait as long as a run may last, not only the sync timeout (Jobe has no "come back later").
  return service.wait(run.id, (config.ceilings.wallTime + config.runs.syncTimeout) * 1000);
}
