// A synchronous run for the APIs that only answer when it is over (Piston's execute, Jobe's runs).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RunRequest } from '../../contracts/request.js';
import type { AppDeps } from '../../api/types.js';
import type { RunRecord, RunSpec } from '../../store/types.js';
import type { Principal } from '../../auth/types.js';

/** Submit one run through the service's one path and wait for its end; a client that hangs up cancels it. `compat` is kept with the run. */
export async function runToEnd(
  deps: AppDeps,
  body: RunRequest,
  who: Principal,
  req: FastifyRequest,
  reply: FastifyReply,
  compat?: RunSpec['compat'],
): Promise<RunRecord> {
  const { service, config } = deps;
  const [run] = await service.submit([body], who, { mode: 'sync', requestId: req.id, ...(compat ? { compat: [compat] } : {}) });
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) service.cancel(run!.id, who).catch(() => {});
  });
  // These APIs have no "come back later": wait as long as a run may last, not only the sync timeout.
  return service.wait(run!.id, (config.ceilings.wallTime + config.runs.syncTimeout) * 1000);
}
