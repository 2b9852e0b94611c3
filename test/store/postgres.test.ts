// The PostgreSQL stores against both store contracts, and what only a shared database needs: versioned migrations
// that two nodes may start at once, and writes that stay right when many nodes race.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgMigrations } from '../../src/store/pg-migrations.js';
import { openPostgresProblemStore } from '../../src/store/postgres-problems.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { createDatabase, emptyTables, sql } from './pg-database.js';
import { problemStoreContract, submission } from './problem-store-contract.js';
import { okResult, run, runBytes, storeContract } from './store-contract.js';

const url = await createDatabase();
const fresh = async <S>(s: S): Promise<S> => {
  await emptyTables(url);
  return s;
};

storeContract('postgres', async () => fresh(await openPostgresStore(url)));
problemStoreContract('postgres', async () => fresh(await openPostgresProblemStore(url)));

const versions = async (u: string) => (await sql<{ version: number }>(u, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version);
const latest = pgMigrations.map((_, i) => i + 1);

test('postgres: migrations are recorded, and opening again (either store) is a no-op', async () => {
  const u = await createDatabase();
  await (await openPostgresStore(u)).close();
  assert.deepEqual(await versions(u), latest);
  await (await openPostgresProblemStore(u)).close();
  await (await openPostgresStore(u)).close();
  assert.deepEqual(await versions(u), latest);
});

test('postgres: migration 4 moves a failure\'s code out of its words ("CODE: message" in one column before)', async () => {
  const u = await createDatabase();
  await sql(u, 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  for (const [i, m] of pgMigrations.slice(0, 3).entries()) {
    await sql(u, m);
    await sql(u, 'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
  }
  const legacy = `INSERT INTO runs (id, state, mode, language, spec, error, request_id, created_at) VALUES ($1, 'failed', 'async', 'python3', '{}', $2, 'r', 1)`;
  await sql(u, legacy, ['coded', 'AIRLOCK_ERR_SANDBOX_FAILED: The sandbox failed: launcher rejected its arguments: x: y']);
  await sql(u, legacy, ['words', 'interrupted 2 times by restarts; not started again']);
  const s = await openPostgresStore(u);
  try {
    const coded = await s.getRun('coded');
    assert.equal(coded?.errorCode, 'AIRLOCK_ERR_SANDBOX_FAILED');
    assert.equal(coded?.error, 'The sandbox failed: launcher rejected its arguments: x: y');
    const words = await s.getRun('words');
    assert.equal(words?.errorCode, null);
    assert.equal(words?.error, 'interrupted 2 times by restarts; not started again');
  } finally {
    await s.close();
  }
});

test('postgres: nodes starting at once on a new database migrate it once', async () => {
  const u = await createDatabase();
  // Without the advisory lock, concurrent CREATE TABLEs (or a second insert of a version) would fail an open.
  const stores = await Promise.all([openPostgresStore(u), openPostgresProblemStore(u), openPostgresStore(u), openPostgresProblemStore(u)]);
  assert.deepEqual(await versions(u), latest);
  await Promise.all(stores.map((s) => s.close()));
});

test('postgres: a database from a newer airlock is refused', async () => {
  const u = await createDatabase();
  await (await openPostgresStore(u)).close();
  await sql(u, 'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [pgMigrations.length + 1]);
  await assert.rejects(openPostgresStore(u), /newer than this airlock/);
  await assert.rejects(openPostgresProblemStore(u), /newer than this airlock/);
});

test('postgres: times are numbers, whole milliseconds of today', async () => {
  const s = await fresh(await openPostgresStore(url));
  const now = Date.now();
  await s.createRuns([run('t', { createdAt: now })]);
  assert.strictEqual((await s.getRun('t'))?.createdAt, now);
  assert.strictEqual(await s.countRuns(null, 0), 1);
  await s.close();
});

test('postgres: racing finishRun calls record one end', async () => {
  const s = await fresh(await openPostgresStore(url, { max: 8 }));
  await s.createRuns([run('r')]);
  await s.startRun('r', 2000);
  const states = ['done', 'failed', 'cancelled'] as const;
  const tries = Array.from({ length: 16 }, (_, i) => states[i % 3]!);
  const won = await Promise.all(tries.map((state, i) => s.finishRun('r', { state, error: `try ${i}` }, 3000 + i)));
  assert.equal(won.filter(Boolean).length, 1);
  const i = won.indexOf(true);
  const r = await s.getRun('r');
  assert.deepEqual([r?.state, r?.error, r?.finishedAt], [tries[i], `try ${i}`, 3000 + i]);
  await s.close();
});

/** A fresh problem store (a pool of 8) whose submission `s` is in its first attempt. */
const judging = async () => {
  const s = await fresh(await openPostgresProblemStore(url, { max: 8 }));
  await s.createSubmission(submission('s'));
  await s.startSubmission('s', 2);
  return s;
};

test('postgres: racing writers of a submission\'s events get distinct seqs, "done" among them', async () => {
  const s = await judging();
  const adds = Array.from({ length: 40 }, (_, i) => s.addSubmissionEvent('s', 1, 'test', { i }, 3 + i));
  const [seqs, finished] = await Promise.all([Promise.all(adds), s.finishSubmission('s', { state: 'failed', error: 'x' }, 100)]);
  assert.equal(finished, true);
  const events = await s.submissionEvents('s', 0);
  assert.deepEqual(
    events.map((e) => e.seq),
    Array.from({ length: 41 }, (_, i) => i + 1),
  );
  assert.deepEqual(
    [...seqs].sort((a, b) => a - b),
    events.filter((e) => e.type === 'test').map((e) => e.seq),
  );
  await s.close();
});

test("postgres: a restart racing a dead attempt's event writers leaves seqs that continue without a clash", async () => {
  const s = await judging();
  const stale = Array.from({ length: 20 }, (_, i) => s.addSubmissionEvent('s', 1, 'test', { i }, 3 + i));
  const [, again] = await Promise.all([Promise.all(stale), s.restartSubmission('s', 50)]);
  assert.equal(again?.attempts, 2);
  const before = await s.submissionEvents('s', 0);
  const next = await s.addSubmissionEvent('s', 2, 'compile', {}, 60);
  assert.equal(next, (before.at(-1)?.seq ?? 0) + 1);
  await s.close();
});

test('postgres: nodes sweeping at once delete each run once and free its bytes once', async () => {
  const u = await createDatabase();
  const [a, b] = [await openPostgresStore(u, { max: 4 }), await openPostgresStore(u, { max: 4 })];
  const runs = Array.from({ length: 240 }, (_, i) =>
    run(`r${i}`, { keyId: i % 3 ? 'k' : null, state: 'done', result: { ...okResult, stdout: 'é'.repeat(i) }, finishedAt: 100 + i }),
  );
  await a.createRuns(runs);
  await a.createRuns([run('late', { keyId: 'k', state: 'done', result: okResult, finishedAt: 10_000 })]);
  const total = await a.storedBytes();
  assert.equal(
    total,
    [...runs, run('late', { state: 'done', result: okResult })].reduce((n, r) => n + runBytes(r), 0),
  );
  // Four sweepers on two nodes, 20 rows a time, racing for the same rows until none is left.
  const sweep = async (s: typeof a) => {
    const got = { rows: 0, bytes: 0 };
    for (let p = await s.purge(5000, 20); p.rows > 0; p = await s.purge(5000, 20)) {
      got.rows += p.rows;
      got.bytes += p.bytes;
    }
    return got;
  };
  const done = await Promise.all([sweep(a), sweep(b), sweep(a), sweep(b)]);
  assert.equal(
    done.reduce((n, d) => n + d.rows, 0),
    240,
  );
  const lateBytes = runBytes((await a.getRun('late'))!);
  assert.equal(
    done.reduce((n, d) => n + d.bytes, 0),
    total - lateBytes,
  );
  assert.equal((await a.storageUse('k')).bytes, lateBytes);
  assert.equal((await a.storageUse(null)).bytes, 0);
  await Promise.all([a.close(), b.close()]);
});

test('postgres: migration 5 counts what is already stored', async () => {
  const u = await createDatabase();
  await sql(u, 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  for (const [i, m] of pgMigrations.slice(0, 4).entries()) {
    await sql(u, m);
    await sql(u, 'INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
  }
  await sql(
    u,
    `INSERT INTO runs (id, key_id, state, mode, language, spec, result, error, request_id, created_at) VALUES ('r', 'k', 'done', 'async', 'c', '{"é":1}', '{"o":"ü"}', 'x', 'q', 1)`,
  );
  await sql(
    u,
    `INSERT INTO submissions (id, problem_id, problem_revision, key_id, language, spec, state, request_id, created_at) VALUES ('s', 'p', 1, NULL, 'c', '{}', 'queued', 'q', 1)`,
  );
  await sql(u, `INSERT INTO submission_events (submission_id, seq, attempt, type, data, at) VALUES ('s', 1, 1, 'test', '"ab"', 1)`);
  await sql(
    u,
    `INSERT INTO problems (id, key_id, name, title, revision, dir, summary, created_at, updated_at) VALUES ('p', 'k', 'p', 't', 1, 'd', '{"s":1}', 1, 1)`,
  );
  await sql(u, `INSERT INTO package_archives (problem_id, revision, format, archive) VALUES ('p', 1, 'zip', '\\x000102')`);
  const s = await openPostgresStore(u);
  try {
    assert.equal((await s.storageUse('k')).bytes, 8 + 10 + 1 + 7 + 3);
    assert.equal((await s.storageUse(null)).bytes, 2 + 4);
  } finally {
    await s.close();
  }
});
