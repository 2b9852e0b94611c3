// Each principal's stored bytes in SQLite (src/store/usage.ts): called inside the transaction that writes the rows.
import type Database from 'better-sqlite3';
import type { StorageUse } from './types.js';
import { owner } from './usage.js';

/** The counter's statements on one connection. */
export function sqliteUsage(db: Database.Database) {
  const add = db.prepare<[string, number]>(
    'INSERT INTO storage_usage (owner, bytes) VALUES (?, ?) ON CONFLICT (owner) DO UPDATE SET bytes = storage_usage.bytes + excluded.bytes',
  );
  const get = db.prepare<[string], { bytes: number }>('SELECT bytes FROM storage_usage WHERE owner = ?');
  const total = db.prepare<[], { bytes: number }>('SELECT coalesce(sum(bytes), 0) AS bytes FROM storage_usage');
  // What the sweep will free first; unfinished ones are never swept.
  const oldest = db.prepare<[string | null, string | null], { at: number | null }>(`SELECT min(at) AS at FROM (
      SELECT min(finished_at) AS at FROM runs WHERE key_id IS ? AND finished_at IS NOT NULL
      UNION ALL SELECT min(finished_at) FROM submissions WHERE key_id IS ? AND finished_at IS NOT NULL)`);
  return {
    /** Add (or with a negative n, free) bytes of a key (null: anonymous). */
    add(keyId: string | null, n: number): void {
      if (n !== 0) add.run(owner(keyId), n);
    },
    /** Add bytes by owner, as byOwner() summed them (a purge frees them so). */
    addOwners(freed: Map<string, number>, sign: 1 | -1): void {
      for (const [o, n] of freed) if (n !== 0) add.run(o, sign * n);
    },
    use(keyId: string | null): StorageUse {
      return { bytes: get.get(owner(keyId))?.bytes ?? 0, oldestFinished: oldest.get(keyId, keyId)?.at ?? null };
    },
    total(): number {
      return total.get()!.bytes;
    },
  };
}
