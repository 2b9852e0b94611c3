// Who a request acts for: its API key, or an anonymous caller when the server allows them.
import type { Config, Policy } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import type { Principal } from './types.js';
import type { Store } from '../store/types.js';
import { verifyToken } from './keys.js';

/** The token from "Authorization: Bearer ak_..." or "X-Api-Key: ak_...". */
export function tokenFrom(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^bearer /i.test(auth)) return auth.slice(7).trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' ? key.trim() : undefined;
}

/** The fairness group of a key (null: anonymous callers, one group together). */
export function groupOf(keyId: string | null): string {
  return keyId === null ? 'anonymous' : `key:${keyId}`;
}

/** Resolve the caller; throws AIRLOCK_ERR_UNAUTHORIZED for a bad key, or no key when anonymous access is off. */
export async function resolvePrincipal(token: string | undefined, store: Store, config: Readonly<Config>): Promise<Principal> {
  if (token === undefined || token === '') {
    if (!config.auth.anonymous) throw new AirlockError('AIRLOCK_ERR_UNAUTHORIZED', 'this server does not serve anonymous requests');
    return { keyId: null, group: groupOf(null), policy: config.auth.anonymousPolicy };
  }
  const key = await verifyToken(store, token);
  // One answer for unknown, revoked and wrong: nothing to learn about which keys exist.
  if (!key) throw new AirlockError('AIRLOCK_ERR_UNAUTHORIZED', 'unknown or revoked key');
  const policy: Policy = { ...config.auth.defaultPolicy, ...key.policy };
  return { keyId: key.id, group: groupOf(key.id), policy };
}
