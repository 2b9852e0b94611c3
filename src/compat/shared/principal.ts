// Who calls a compatibility API: its own key header mapped onto an airlock key, with the key's rate.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolvePrincipal, tokenFrom } from '../../auth/principal.js';
import type { Config } from '../../config/schema.js';
import { AirlockError } from '../../errors.js';
import type { Principal } from '../../auth/types.js';
import type { Store } from '../../store/types.js';

/**
 * A token that is not shaped like an airlock key ("ak_…"). Jobe and Judge0 ignore their key headers unless they are
 * configured to require keys, and their clients send one anyway (every CodeRunner site sends its default Jobe key), so
 * where anonymous callers are served such a token is ignored. A token shaped like ours still answers 401 when unknown
 * or revoked, so a key holder notices a revoked key instead of silently dropping to the anonymous policy.
 */
function foreignToken(token: string): boolean {
  return !token.startsWith('ak_');
}

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
    token ??= tokenFrom(req.headers);
    if (token !== undefined && config.auth.anonymous && foreignToken(token)) token = undefined;
    const who = await resolvePrincipal(token, store, config);
    const { ratePerSecond, burst } = who.policy;
    if (ratePerSecond !== undefined) {
      const wait = limiter.take(who.group, ratePerSecond, burst ?? Math.max(1, Math.ceil(ratePerSecond)));
      if (wait > 0) throw new AirlockError('AIRLOCK_ERR_RATE_LIMITED', `at most ${ratePerSecond} per second for this key`, { retryAfter: wait });
    }
    return who;
  };
}
