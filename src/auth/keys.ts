// API keys: "ak_<id>_<secret>"; the id finds the row, only SHA-256 of the secret is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Policy } from '../config/schema.js';
import type { KeyRecord, Store } from '../store/types.js';

const TOKEN = /^ak_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** SHA-256 suffices: the secret is 256 random bits, so there is no dictionary to try (a slow KDF protects weak passwords). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new key: the record to store and the token, shown once to its owner. */
export function newKey(name: string, policy: Policy): { record: KeyRecord; token: string } {
  const id = randomBytes(8).readBigUInt64BE().toString(36).padStart(13, '0').slice(-12);
  const secret = randomBytes(32).toString('base64url');
  return { record: { id, name, hash: hashSecret(secret), createdAt: Date.now(), revokedAt: null, policy }, token: `ak_${id}_${secret}` };
}

/** The key a token belongs to, if it is valid and not revoked. */
export async function verifyToken(store: Store, token: string): Promise<KeyRecord | undefined> {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const key = await store.getKey(m[1]!);
  if (!key || key.revokedAt !== null) return undefined;
  // Threat: timing attacks recovering the hash byte by byte; compare in constant time.
  const a = Buffer.from(key.hash, 'hex');
  const b = Buffer.from(hashSecret(m[2]!), 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? key : undefined;
}
