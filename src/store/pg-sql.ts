// Small SQL builders shared by the PostgreSQL stores; table and column names come from our row types, never from input.

/** An INSERT of one row, its columns in the row's key order. */
export function insertOne(table: string, row: object): { text: string; values: unknown[] } {
  const columns = Object.keys(row);
  return { text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, values: Object.values(row) };
}

/**
 * An INSERT of many rows as one statement (so all or nothing, in one round trip): one array parameter per column,
 * unnested in order. `types` names each column's SQL type, in the rows' key order.
 */
export function insertMany<R extends object>(table: string, types: Record<keyof R, string>, rows: R[]): { text: string; values: unknown[][] } {
  const columns = Object.keys(types) as (keyof R & string)[];
  const arrays = columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ');
  return {
    text: `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM unnest(${arrays}) WITH ORDINALITY AS u(${columns.join(', ')}, n) ORDER BY n`,
    values: columns.map((c) => rows.map((r) => r[c])),
  };
}

/** How many rows of `table` a key (null: anonymous) created since a time: the quotas' query. */
export function countSince(table: string, keyId: string | null, since: number): { text: string; values: unknown[] } {
  return keyId === null
    ? { text: `SELECT count(*) AS n FROM ${table} WHERE key_id IS NULL AND created_at >= $1`, values: [since] }
    : { text: `SELECT count(*) AS n FROM ${table} WHERE key_id = $1 AND created_at >= $2`, values: [keyId, since] };
}
