// What the storage quota counts: the bytes of what a caller sent and what its programs printed, kept per row in a
// `bytes` column and per principal in storage_usage, both changed in the same transaction as the row itself.
// Row overhead and indexes are not counted (a few hundred bytes a row; runsPerDay bounds the number of rows).

/** The storage_usage owner of a key: its id, or '' for the anonymous callers together (key ids are never empty). */
export const owner = (keyId: string | null): string => keyId ?? '';

/** UTF-8 bytes of text columns as stored (null counts 0): what SQLite's length(CAST(x AS BLOB)) and PostgreSQL's octet_length say. */
export const textBytes = (...texts: (string | null | undefined)[]): number => texts.reduce((n, t) => n + (t ? Buffer.byteLength(t, 'utf8') : 0), 0);

/** Bytes freed per owner, summed from deleted rows. */
export function byOwner(rows: Array<{ owner: string; bytes: number }>): Map<string, number> {
  const freed = new Map<string, number>();
  for (const r of rows) freed.set(r.owner, (freed.get(r.owner) ?? 0) + Number(r.bytes));
  return freed;
}

/** Rows a purge deleted and the bytes it freed. */
export const purged = (freed: Map<string, number>, rows: number) => ({ rows, bytes: [...freed.values()].reduce((a, b) => a + b, 0) });

/** Rows one purge deletes by default: short transactions, so a sweep of a big backlog never blocks writers for long. */
export const PURGE_BATCH = 500;
