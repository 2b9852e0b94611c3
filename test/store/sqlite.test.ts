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
