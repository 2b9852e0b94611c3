// The shared store for scale-out: runs, webhook attempts and keys in PostgreSQL, which every node of a cluster uses.
import type pg from 'pg';
import type { RunEnd, RunState, Store } from './types.js';
import { closer, openPool, type PostgresOptions, transaction } from './pg-pool.js';
import { countSince, insertMany, insertOne } from './pg-sql.js';
import { ADD_FROM, freeRows, storageUse, storedBytes } from './pg-usage.js';
import { type AttemptRow, type KeyRow, type RunRow, runRow, toAttempt, toKey, toRun } from './rows.js';
import { PURGE_BATCH, textBytes } from './usage.js';

const RUN_TYPES: Record<keyof RunRow, string> = {
  id: 'text',
  key_id: 'text',
  state: 'text',
  mode: 'text',
  language: 'text',
  spec: 'text',
  result: 'text',
  error: 'text',
  request_id: 'text',
  attempts: 'int',
  batch_id: 'text',
  callback_url: 'text',
  webhook_state: 'text',
  created_at: 'bigint',
  started_at: 'bigint',
  finished_at: 'bigint',
  error_code: 'text',
  bytes: 'bigint',
};

/** Connect (a pool of `max`, default 10) and bring the schema up to date. */
export async function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<Store> {
  return postgresStore(await openPool(url, opts));
}

/** The store over a migrated pool; close() ends the pool. */
export function postgresStore(pool: pg.Pool): Store {
  const all = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<R>(text, values)).rows;
  const changed = async (text: string, values: unknown[]) => (await pool.query(text, values)).rowCount! > 0;
  // One statement: only the caller whose UPDATE matched gets the row, however many nodes try at once.
  const begin = (states: string) => async (id: string, at: number) => {
    const [row] = await all<RunRow>(
      `UPDATE runs SET state = 'running', attempts = attempts + 1, started_at = $2 WHERE id = $1 AND state IN (${states}) RETURNING *`,
      [id, at],
    );
    return row && toRun(row);
  };

  return {
    async createRuns(runs) {
      if (runs.length === 0) return;
      // One statement: the runs and their bytes on their keys' counters, all or nothing.
      const insert = insertMany('runs', RUN_TYPES, runs.map(runRow));
      await pool.query(`WITH i AS (${insert.text} RETURNING coalesce(key_id, '') AS owner, bytes) ${ADD_FROM('i')}`, insert.values);
    },
    async getRun(id) {
      const [row] = await all<RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
      return row && toRun(row);
    },
    async runSize(id) {
      const [row] = await all<{ key_id: string | null; bytes: string | number; state: RunState }>('SELECT key_id, bytes, state FROM runs WHERE id = $1', [id]);
      return row && { keyId: row.key_id, bytes: Number(row.bytes), state: row.state };
    },
    startRun: begin("'queued'"),
    restartRun: begin("'queued', 'running'"),
    async finishRun(id, end: RunEnd, at) {
      // A concurrent second finish waits for the first's row lock, then finds the run ended and matches nothing.
      // An unfinished run has no result and no error yet: its end adds theirs to its bytes and its key's.
      const result = end.result ? JSON.stringify(end.result) : null;
      const added = textBytes(result, end.error);
      return changed(
        `WITH r AS (
           UPDATE runs SET state = $2, result = $3, error = $4, finished_at = $5, error_code = $6, bytes = bytes + $7,
             webhook_state = CASE WHEN callback_url IS NULL THEN 'none' ELSE 'pending' END
           WHERE id = $1 AND state IN ('queued', 'running') RETURNING coalesce(key_id, '') AS owner, $7::bigint AS bytes
         ) ${ADD_FROM('r')}`,
        [id, end.state, result, end.error ?? null, at, end.errorCode ?? null, added],
      );
    },
    async requeueRun(id) {
      await pool.query("UPDATE runs SET state = 'queued' WHERE id = $1 AND state = 'running'", [id]);
    },
    async unfinishedRuns() {
      return (await all<RunRow>("SELECT * FROM runs WHERE state IN ('queued', 'running') ORDER BY created_at, ord")).map(toRun);
    },
    async pendingWebhooks() {
      return (await all<RunRow>("SELECT * FROM runs WHERE webhook_state = 'pending' ORDER BY finished_at, ord")).map(toRun);
    },
    async setWebhookState(id, state) {
      await pool.query('UPDATE runs SET webhook_state = $2 WHERE id = $1', [id, state]);
    },
    async addWebhookAttempt(a) {
      await pool.query(
        `INSERT INTO webhook_attempts (run_id, delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (run_id, attempt) DO UPDATE SET delivery_id = EXCLUDED.delivery_id, at = EXCLUDED.at, status_code = EXCLUDED.status_code,
           error = EXCLUDED.error, duration_ms = EXCLUDED.duration_ms`,
        [a.runId, a.deliveryId, a.attempt, a.at, a.statusCode, a.error, a.durationMs],
      );
    },
    async webhookAttempts(runId) {
      return (await all<AttemptRow>('SELECT * FROM webhook_attempts WHERE run_id = $1 ORDER BY attempt', [runId])).map(toAttempt);
    },
    async countRuns(keyId, since) {
      return (await pool.query<{ n: number }>(countSince('runs', keyId, since))).rows[0]!.n;
    },
    async purge(before, limit = PURGE_BATCH) {
      // SKIP LOCKED: nodes purging at once take distinct rows; a row deleted by another is never returned (nor freed) here.
      return transaction(pool, async (c) =>
        freeRows(
          c,
          (
            await c.query<{ owner: string; bytes: number }>(
              `DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE finished_at < $1 AND state IN ('done', 'failed', 'cancelled')
           AND webhook_state != 'pending' ORDER BY finished_at LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING coalesce(key_id, '') AS owner, bytes`,
              [before, limit],
            )
          ).rows,
        ),
      );
    },
    storageUse: (keyId) => storageUse(pool, keyId),
    storedBytes: () => storedBytes(pool),
    async createKey(k) {
      const row: KeyRow = { id: k.id, name: k.name, hash: k.hash, created_at: k.createdAt, revoked_at: k.revokedAt, policy: JSON.stringify(k.policy) };
      await pool.query(insertOne('api_keys', row));
    },
    async getKey(id) {
      const [row] = await all<KeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
      return row && toKey(row);
    },
    async listKeys() {
      return (await all<KeyRow>('SELECT * FROM api_keys ORDER BY created_at')).map(toKey);
    },
    async revokeKey(id, at) {
      // A key revoked already keeps its first time, and is still "found".
      return changed('UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1', [id, at]);
    },
    close: closer(pool),
  };
}
