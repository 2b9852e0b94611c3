// Who calls a compatibility API: its own key header mapped onto an airlock key, with the key's rate.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolvePrincipal, tokenFrom } from '../../auth/principal.js';
import type { Config } from '../../config/schema.js';
import { AirlockError } from '../../errors.js';
import type { Principal } from '../../auth/types.js';
import type { Store } from '../../store/types.js';

/** Resolves a request's principal from the API's own headers (then airlock's), and enforces the key's rate (the same buckets as /v1). */
export function compatAuth(scope: FastifyInstance, store: Store, config: Readonly<Config>, headers: string[]) {
  const limiter = scope.keyLimiter;
  return async (req: FastifyRequest): Promise<Principal> => {
    let token: string | undefined;
    for (const h of headers) {
      const v = req.headers[h];
      if (typeof v === 'string' && v.trim()) token = v.trim();
      if (token) break;
    }
    const who = await resolvePrincipal(token ?? tokenFrom(req.headers), store, config);
    const { ratePerSecond, burst } = who.policy;
    if (ratePerSecond !== undefined) {
      const wait = limiter.take(who.group, ratePerSecond, burst ?? Math.max(1, Math.ceil(ratePerSecond)));
      if (wait > 0) throw new AirlockError('AIRLOCK_ERR_RATE_LIMITED', `at most ${ratePerSecond} per second for this key`, { retryAfter: wait });
    }
    return who;
  };
}
