// Each principal's stored bytes in PostgreSQL (src/store/usage.ts). Every write takes its row lock first and the
// counter's last, and a purge takes its counters in one order (by owner): concurrent writers never deadlock.
import type pg from 'pg';
import type { Purged, StorageUse } from './types.js';
import { byOwner, owner, purged } from './usage.js';

/** Add to the counter of the owners a CTE named `src` returns (columns owner, bytes): append to a WITH. */
export const ADD_FROM = (src: string) =>
  `INSERT INTO storage_usage (owner, bytes) SELECT owner, sum(bytes) FROM ${src} GROUP BY owner
   ON CONFLICT (owner) DO UPDATE SET bytes = storage_usage.bytes + EXCLUDED.bytes`;

/** Add (or with a negative n, free) bytes of a key, in a transaction's client. */
export async function addUsage(c: pg.PoolClient | pg.Pool, keyId: string | null, n: number): Promise<void> {
  if (n === 0) return;
  await c.query('INSERT INTO storage_usage (owner, bytes) VALUES ($1, $2) ON CONFLICT (owner) DO UPDATE SET bytes = storage_usage.bytes + EXCLUDED.bytes', [
    owner(keyId),
    n,
  ]);
}

/** Free what deleted rows (owner, bytes) held, each owner's counter in order. */
export async function freeRows(c: pg.PoolClient, rows: Array<{ owner: string; bytes: number }>): Promise<Purged> {
  const freed = byOwner(rows);
  for (const o of [...freed.keys()].sort()) {
    await c.query('UPDATE storage_usage SET bytes = bytes - $2 WHERE owner = $1', [o, freed.get(o)]);
  }
  return purged(freed, rows.length);
}

/** A principal's bytes and the end of its oldest finished run or submission. */
export async function storageUse(pool: pg.Pool, keyId: string | null): Promise<StorageUse> {
  const match = keyId === null ? 'key_id IS NULL' : 'key_id = $1';
  const { rows } = await pool.query<{ bytes: number | null; at: number | null }>(
    `SELECT (SELECT bytes FROM storage_usage WHERE owner = $${keyId === null ? 1 : 2}) AS bytes, (SELECT min(at) FROM (
       SELECT min(finished_at) AS at FROM runs WHERE ${match} AND finished_at IS NOT NULL
       UNION ALL SELECT min(finished_at) FROM submissions WHERE ${match} AND finished_at IS NOT NULL) x) AS at`,
    keyId === null ? [owner(keyId)] : [keyId, owner(keyId)],
  );
  return { bytes: rows[0]?.bytes ?? 0, oldestFinished: rows[0]?.at ?? null };
}

/** Every principal's bytes together. */
export async function storedBytes(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT coalesce(sum(bytes), 0)::text AS n FROM storage_usage');
  return Number(rows[0]!.n);
}
