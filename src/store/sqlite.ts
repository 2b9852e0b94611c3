// The embedded store: SQLite through better-sqlite3, WAL mode, every write committed before its promise resolves.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Purged, RunEnd, RunRecord, RunState, Store, WebhookAttempt } from './types.js';
import { migrate } from './migrations.js';
import { type AttemptRow, type KeyRow, type RunRow, runRow, toAttempt, toKey, toRun } from './rows.js';
import { sqliteUsage } from './sqlite-usage.js';
import { byOwner, PURGE_BATCH, purged, textBytes } from './usage.js';

/** Open (creating if needed) a database file in WAL mode with its schema up to date: every SQLite store's connection. */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives a crash or kill -9 of this process (the OS has it), without an fsync
  // per write (4 ms each here, blocking the event loop). Accepting async runs syncs (see createRuns).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // The WAL is cut back to 64 MiB after each checkpoint: without a limit it keeps the size of its busiest moment (a few
  // runs of 16 MiB output), which the storage quota does not count.
  db.pragma('journal_size_limit = 67108864');
  // The CLI (`airlock keys`) writes while the service runs.
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Open (creating if needed) the database file and bring its schema up to date. */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file);

  const q = {
    insert: db.prepare(`INSERT INTO runs (id, key_id, state, mode, language, spec, result, error, request_id, attempts, batch_id,
      callback_url, webhook_state, created_at, started_at, finished_at, error_code, bytes) VALUES (@id, @key_id, @state, @mode, @language, @spec, @result,
      @error, @request_id, @attempts, @batch_id, @callback_url, @webhook_state, @created_at, @started_at, @finished_at, @error_code, @bytes)`),
    get: db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?'),
    size: db.prepare<[string], { key_id: string | null; bytes: number; state: RunState }>('SELECT key_id, bytes, state FROM runs WHERE id = ?'),
    start: db.prepare<[number, string], RunRow>(
      "UPDATE runs SET state = 'running', attempts = attempts + 1, started_at = ? WHERE id = ? AND state = 'queued' RETURNING *",
    ),
    restart: db.prepare<[number, string], RunRow>(
      "UPDATE runs SET state = 'running', attempts = attempts + 1, started_at = ? WHERE id = ? AND state IN ('queued', 'running') RETURNING *",
    ),
    // An unfinished run has no result and no error yet: its end adds theirs to its bytes.
    finish: db.prepare<Record<string, unknown>, { key_id: string | null }>(
      "UPDATE runs SET state = @state, result = @result, error = @error, error_code = @error_code, finished_at = @at, bytes = bytes + @added, webhook_state = CASE WHEN callback_url IS NULL THEN 'none' ELSE 'pending' END WHERE id = @id AND state IN ('queued', 'running') RETURNING key_id",
    ),
    requeue: db.prepare("UPDATE runs SET state = 'queued' WHERE id = ? AND state = 'running'"),
    unfinished: db.prepare<[], RunRow>("SELECT * FROM runs WHERE state IN ('queued', 'running') ORDER BY created_at, rowid"),
    pendingHooks: db.prepare<[], RunRow>("SELECT * FROM runs WHERE webhook_state = 'pending' ORDER BY finished_at"),
    setHook: db.prepare('UPDATE runs SET webhook_state = ? WHERE id = ?'),
    addAttempt: db.prepare(
      'INSERT OR REPLACE INTO webhook_attempts (run_id, delivery_id, attempt, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    attempts: db.prepare<[string], AttemptRow>('SELECT * FROM webhook_attempts WHERE run_id = ? ORDER BY attempt'),
    countKey: db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM runs WHERE key_id = ? AND created_at >= ?'),
    countAnon: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM runs WHERE key_id IS NULL AND created_at >= ?'),
    purge: db.prepare<[number, number], { owner: string; bytes: number }>(`DELETE FROM runs WHERE id IN (SELECT id FROM runs WHERE finished_at < ?
      AND state IN ('done', 'failed', 'cancelled') AND webhook_state != 'pending' ORDER BY finished_at LIMIT ?) RETURNING coalesce(key_id, '') AS owner, bytes`),
    insertKey: db.prepare('INSERT INTO api_keys (id, name, hash, created_at, revoked_at, policy) VALUES (?, ?, ?, ?, ?, ?)'),
    getKey: db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE id = ?'),
    listKeys: db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at'),
    revokeKey: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
  const usage = sqliteUsage(db);
  const insertMany = db.transaction((runs: RunRecord[]) => {
    for (const r of runs) {
      const row = runRow(r);
      q.insert.run(row);
      usage.add(r.keyId, row.bytes);
    }
  });
  const finish = db.transaction((id: string, end: RunEnd, at: number) => {
    const result = end.result ? JSON.stringify(end.result) : null;
    const error = end.error ?? null;
    const added = textBytes(result, error);
    const row = q.finish.get({ id, state: end.state, result, error, error_code: end.errorCode ?? null, at, added });
    if (row) usage.add(row.key_id, added);
    return row !== undefined;
  });
  const purge = db.transaction((before: number, limit: number): Purged => {
    const rows = q.purge.all(before, limit);
    const freed = byOwner(rows);
    usage.addOwners(freed, -1);
    return purged(freed, rows.length);
  });

  return {
    async createRuns(runs) {
      // A 202 promises the run will happen: its row (and all before it in the WAL) reaches the disk first,
      // so not even a power cut loses it. Sync and stream runs have their client waiting; a crash fails them anyway.
      const durable = runs.some((r) => r.mode === 'async');
      if (durable) db.pragma('synchronous = FULL');
      try {
        insertMany(runs);
      } finally {
        if (durable) db.pragma('synchronous = NORMAL');
      }
    },
    async getRun(id) {
      const row = q.get.get(id);
      return row && toRun(row);
    },
    async runSize(id) {
      const row = q.size.get(id);
      return row && { keyId: row.key_id, bytes: Number(row.bytes), state: row.state };
    },
    async startRun(id, at) {
      const row = q.start.get(at, id);
      return row && toRun(row);
    },
    async restartRun(id, at) {
      const row = q.restart.get(at, id);
      return row && toRun(row);
    },
    async finishRun(id, end: RunEnd, at) {
      return finish(id, end, at);
    },
    async requeueRun(id) {
      q.requeue.run(id);
    },
    async unfinishedRuns() {
      return q.unfinished.all().map(toRun);
    },
    async pendingWebhooks() {
      return q.pendingHooks.all().map(toRun);
    },
    async setWebhookState(id, state) {
      q.setHook.run(state, id);
    },
    async addWebhookAttempt(a: WebhookAttempt) {
      q.addAttempt.run(a.runId, a.deliveryId, a.attempt, a.at, a.statusCode, a.error, a.durationMs);
    },
    async webhookAttempts(runId) {
      return q.attempts.all(runId).map(toAttempt);
    },
    async countRuns(keyId, since) {
      return (keyId === null ? q.countAnon.get(since) : q.countKey.get(keyId, since))!.n;
    },
    async purge(before, limit = PURGE_BATCH) {
      return purge(before, limit);
    },
    async storageUse(keyId) {
      return usage.use(keyId);
    },
    async storedBytes() {
      return usage.total();
    },
    async createKey(k) {
      q.insertKey.run(k.id, k.name, k.hash, k.createdAt, k.revokedAt, JSON.stringify(k.policy));
    },
    async getKey(id) {
      const row = q.getKey.get(id);
      return row && toKey(row);
    },
    async listKeys() {
      return q.listKeys.all().map(toKey);
    },
    async revokeKey(id, at) {
      if (!q.getKey.get(id)) return false;
      q.revokeKey.run(at, id);
      return true;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
