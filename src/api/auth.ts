// Authentication and rate limiting for /v1: every request gets its principal before its handler runs.
import type { FastifyInstance } from 'fastify';
import { resolvePrincipal, tokenFrom } from '../auth/principal.js';
import { RateLimiter } from '../auth/ratelimit.js';
import type { Config } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import type { Principal } from '../auth/types.js';
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

/** Decorate the app with the per-key buckets (one rate per key across every API) and the request's principal slot. */
export function installKeyLimiter(app: FastifyInstance): void {
  app.decorate('keyLimiter', new RateLimiter());
  app.decorateRequest('principal', null as unknown as Principal);
}

/**
 * Add the onRequest hook that sets request.principal and enforces the key's rate. It is installed inside the /v1
 * plugin, so it covers exactly the routes registered there (health and docs stay open, outside it).
 */
export function installAuth(app: FastifyInstance, store: Store, config: Readonly<Config>): void {
  const limiter = app.keyLimiter;
  app.addHook('onRequest', async (req) => {
    req.principal = await resolvePrincipal(tokenFrom(req.headers), store, config);
    const { ratePerSecond, burst } = req.principal.policy;
    if (ratePerSecond === undefined) return;
    const wait = limiter.take(req.principal.group, ratePerSecond, burst ?? Math.max(1, Math.ceil(ratePerSecond)));
    if (wait > 0) throw new AirlockError('AIRLOCK_ERR_RATE_LIMITED', `at most ${ratePerSecond} per second for this key`, { retryAfter: wait });
  });
}
