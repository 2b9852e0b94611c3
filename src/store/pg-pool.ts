// The connection pool every PostgreSQL store opens: BIGINT read back as numbers, the schema migrated once at open.
import pg from 'pg';
import { migratePostgres } from './pg-migrations.js';

/** How a PostgreSQL store connects. */
export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
}

const INT8_OID = 20;

// Times are ms since the epoch and counts are small: both far below 2^53, so a number holds them exactly.
// Set on this pool only: pg's global type parsers are shared with every other user of pg in the process.
const builtIn = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (v: string) => unknown;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : builtIn(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool on `url` with the schema up to date; it is ended again if migrating fails. */
export async function openPool(url: string, opts: PostgresOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types });
  // An idle connection that the server drops is discarded by the pool; without a listener the event would
  // crash the process, and the next query simply connects again.
  pool.on('error', () => {});
  try {
    await migratePostgres(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return pool;
}

/** End a pool once, however often a store is closed. */
export function closer(pool: pg.Pool): () => Promise<void> {
  let ended: Promise<void> | undefined;
  return () => (ended ??= pool.end());
}

/** Run `fn` in a transaction on one connection of the pool: committed if it resolves, rolled back if it throws. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const value = await fn(client);
    await client.query('COMMIT');
    return value;
  } catch (e) {
    // A connection that cannot even roll back is dropped from the pool rather than reused.
    await client.query('ROLLBACK').catch((err: Error) => (broken = err));
    throw e;
  } finally {
    client.release(broken);
  }
}
