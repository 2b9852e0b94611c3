// The SQLite store against the store contract (test/store/store-contract.ts), and what only SQLite has: its migrations and WAL.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { storeContract } from './store-contract.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'airlock-store-')), 'airlock.db');
storeContract('sqlite', async () => openSqliteStore(file()));

test('migrations bring a new database to the latest version, and reopening is a no-op', async () => {
  const f = file();
  await openSqliteStore(f).close();
  await openSqliteStore(f).close();
  const db = new Database(f);
  assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

test('a database from a newer airlock is refused', () => {
  const f = file();
  const db = new Database(f);
  db.pragma(`user_version = ${migrations.length + 1}`);
  db.close();
  assert.throws(() => openSqliteStore(f), /newer than this airlock/);
});

test('migration 4 moves a failure\'s code out of its words ("CODE: message" in one column before)', async () => {
  const f = file();
  const db = new Database(f);
  for (const m of migrations.slice(0, 3)) db.exec(m);
  db.pragma('user_version = 3');
  const legacy = db.prepare(
    `INSERT INTO runs (id, state, mode, language, spec, error, request_id, created_at) VALUES (?, 'failed', 'async', 'python3', '{}', ?, 'r', 1)`,
  );
  legacy.run('coded', 'AIRLOCK_ERR_SANDBOX_FAILED: The sandbox failed: launcher rejected its arguments: x: y');
  legacy.run('words', 'interrupted 2 times by restarts; not started again');
  db.close();
  const s = openSqliteStore(f);
  const coded = await s.getRun('coded');
  assert.equal(coded?.errorCode, 'AIRLOCK_ERR_SANDBOX_FAILED');
  assert.equal(coded?.error, 'The sandbox failed: launcher rejected its arguments: x: y');
  const words = await s.getRun('words');
  assert.equal(words?.errorCode, null);
  assert.equal(words?.error, 'interrupted 2 times by restarts; not started again');
  await s.close();
});

test('migration 5 counts what is already stored', async () => {
  const f = file();
  const db = new Database(f);
  for (const m of migrations.slice(0, 4)) db.exec(m);
  db.pragma('user_version = 4');
  db.exec(`INSERT INTO runs (id, key_id, state, mode, language, spec, result, error, request_id, created_at) VALUES ('r', 'k', 'done', 'async', 'c', '{"é":1}', '{"o":"ü"}', 'x', 'q', 1);
    INSERT INTO submissions (id, problem_id, problem_revision, key_id, language, spec, state, request_id, created_at) VALUES ('s', 'p', 1, NULL, 'c', '{}', 'queued', 'q', 1);
    INSERT INTO submission_events (submission_id, seq, attempt, type, data, at) VALUES ('s', 1, 1, 'test', '"ab"', 1);
    INSERT INTO problems (id, key_id, name, title, revision, dir, summary, created_at, updated_at) VALUES ('p', 'k', 'p', 't', 1, 'd', '{"s":1}', 1, 1);
    INSERT INTO package_archives (problem_id, revision, format, archive) VALUES ('p', 1, 'zip', x'000102');`);
  db.close();
  const s = openSqliteStore(f);
  assert.equal((await s.storageUse('k')).bytes, 8 + 10 + 1 + 7 + 3);
  assert.equal((await s.storageUse(null)).bytes, 2 + 4);
  await s.close();
});
