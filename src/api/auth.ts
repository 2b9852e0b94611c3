// Authentication and rate limiting for /v1: every request gets its principal before its handler runs.
import type { FastifyInstance } from 'fastify';
import { resolvePrincipal, tokenFrom } from '../auth/principal.js';
import { RateLimiter } from '../auth/ratelimit.js';
import type { Config } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import type { Principal } from '../service/types.js';
import type { Store } from '../store/types.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyInstance {
    /** The per-key token buckets, shared with the compatibility APIs so that a key has one rate everywhere. */
    keyLimiter: RateLimiter;
  }
}

/** Paths anyone may read: liveness for orchestrators, the docs. */
const open = (url: string) => !url.startsWith('/v1/') || url.startsWith('/v1/health');

/** Add the onRequest hook that sets request.principal and enforces the key's rate. */
export function installAuth(app: FastifyInstance, store: Store, config: Readonly<Config>): void {
  const limiter = new RateLimiter();
  app.decorate('keyLimiter', limiter);
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (req) => {
    if (open(req.url)) return;
    req.principal = await resolvePrincipal(tokenFrom(req.headers), store, config);
    const { ratePerSecond, burst } = req.principal.policy;
    if (ratePerSecond === undefined) return;
    const wait = limiter.take(req.principal.group, ratePerSecond, burst ?? Math.max(1, Math.ceil(ratePerSecond)));
    if (wait > 0) throw new AirlockError('AIRLOCK_ERR_RATE_LIMITED', `at most ${ratePerSecond} per second for this key`, { retryAfter: wait });
  });
}
