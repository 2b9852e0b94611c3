// Errors inside a compatibility API answer in that API's shape, never in airlock's.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { fromFastify } from '../../api/errors.js';
import { AirlockError, isAirlockError } from '../../errors.js';
import type { Metrics } from '../../service/metrics.js';

/** How an API words an error (an AirlockError, or an error class of the API's own): its status and body. */
export type ErrorShape = (err: AirlockError) => { status: number; body: unknown };

/** Options: the API's own error classes, and whether this scope answers its own 404s (not at the root prefix). */
export interface CompatErrorOptions {
  own?: (err: unknown) => { status: number; body: unknown } | undefined;
  notFound?: boolean;
}

/** Install the error handler (and not-found handler) on an API's plugin scope. */
export function installCompatErrors(scope: FastifyInstance, metrics: Metrics, shape: ErrorShape, opts: CompatErrorOptions = {}): void {
  const answer = (reply: FastifyReply, code: string, retryAfter: number | undefined, out: { status: number; body: unknown }) => {
    metrics.rejected.inc({ code });
    if (retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    return reply.code(out.status).send(out.body);
  };
  scope.setErrorHandler((err: FastifyError, req, reply) => {
    const mine = opts.own?.(err);
    if (mine) return answer(reply, 'AIRLOCK_ERR_BAD_REQUEST', undefined, mine);
    const known = isAirlockError(err) ? err : fromFastify(err);
    if (known) {
      if (known.statusCode >= 500) req.log.error({ err }, known.message);
      return answer(reply, known.code, known.retryAfter, shape(known));
    }
    req.log.error({ err }, 'unhandled error');
    return answer(reply, 'AIRLOCK_ERR_INTERNAL', undefined, shape(new AirlockError('AIRLOCK_ERR_INTERNAL', `see the service log for request ${req.id}`)));
  });
  if (opts.notFound !== false) {
    scope.setNotFoundHandler((req, reply) =>
      answer(reply, 'AIRLOCK_ERR_NOT_FOUND', undefined, shape(new AirlockError('AIRLOCK_ERR_NOT_FOUND', `${req.method} ${req.url.split('?')[0]}`))),
    );
  }
}
