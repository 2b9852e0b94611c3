// The SQLite store: migrations, the run life cycle, webhook attempts, quotas, retention, keys.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { RunRecord } from '../../src/store/types.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'airlock-store-')), 'airlock.db');
const run = (id: string, extra: Partial<RunRecord> = {}): RunRecord => ({
  id,
  keyId: null,
  state: 'queued',
  mode: 'async',
  language: 'python3',
  spec: { language: 'python3', files: [{ name: 'main.py', content: 'cHJpbnQoMSk=' }], outputEncoding: 'utf8' },
  result: null,
  error: null,
  requestId: 'req',
  attempts: 0,
  batchId: null,
  callbackUrl: null,
  webhookState: 'none',
  createdAt: 1000,
  startedAt: null,
  finishedAt: null,
  ...extra,
});

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

test('run life cycle: queued -> running -> done, once; requeue; unfinished in order', async () => {
  const s = openSqliteStore(file());
  await s.createRuns([run('a'), run('b', { createdAt: 2000 }), run('c', { createdAt: 3000, callbackUrl: 'http://x/' })]);
  const started = await s.startRun('a', 5000);
  assert.equal(started?.state, 'running');
  assert.equal(started?.attempts, 1);
  assert.equal(await s.startRun('a', 5000), undefined, 'a running run is not started twice');
  await s.requeueRun('a');
  assert.deepEqual((await s.unfinishedRuns()).map((r) => r.id), ['a', 'b', 'c']);
  const result = { status: 'OK', exitCode: 0, signal: 0, stdout: '1\n', stderr: '', cpuTime: 0, wallTime: 0, memory: 0, message: '', encoding: 'utf8', compile: null, tests: null } as const;
  assert.equal(await s.finishRun('a', { state: 'done', result }, 6000), true);
  assert.equal(await s.finishRun('a', { state: 'failed', error: 'x' }, 6000), false, 'an ended run stays ended');
  const a = await s.getRun('a');
  assert.deepEqual(a?.result, result);
  assert.equal(a?.webhookState, 'none');
  await s.finishRun('c', { state: 'cancelled', error: 'by caller' }, 7000);
  assert.equal((await s.getRun('c'))?.webhookState, 'pending');
  assert.deepEqual((await s.pendingWebhooks()).map((r) => r.id), ['c']);
  await s.addWebhookAttempt({ runId: 'c', deliveryId: 'd', attempt: 1, at: 7001, statusCode: 500, error: null, durationMs: 3 });
  await s.setWebhookState('c', 'delivered');
  assert.equal((await s.webhookAttempts('c')).length, 1);
  assert.deepEqual((await s.unfinishedRuns()).map((r) => r.id), ['b']);
  await s.close();
});

test('quota counts and retention purge', async () => {
  const s = openSqliteStore(file());
  await s.createRuns([run('k1', { keyId: 'k', createdAt: 100 }), run('k2', { keyId: 'k', createdAt: 200 }), run('n1', { createdAt: 200 })]);
  assert.equal(await s.countRuns('k', 150), 1);
  assert.equal(await s.countRuns(null, 0), 1);
  await s.finishRun('k1', { state: 'failed', error: 'x' }, 300);
  assert.equal(await s.purge(250), 0);
  assert.equal(await s.purge(301), 1);
  assert.equal(await s.getRun('k1'), undefined);
  assert.ok(await s.getRun('k2'), 'unfinished runs are never purged');
  await s.close();
});

test('keys: create, get, list, revoke', async () => {
  const s = openSqliteStore(file());
  await s.createKey({ id: 'abc', name: 'ci', hash: 'h', createdAt: 1, revokedAt: null, policy: { runsPerDay: 5 } });
  assert.deepEqual((await s.getKey('abc'))?.policy, { runsPerDay: 5 });
  assert.equal((await s.listKeys()).length, 1);
  assert.equal(await s.revokeKey('abc', 2), true);
  assert.equal((await s.getKey('abc'))?.revokedAt, 2);
  assert.equal(await s.revokeKey('nope', 2), false);
  await s.close();
});
