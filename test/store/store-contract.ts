// What every Store must do, as tests over a factory: SQLite (sqlite.test.ts) and PostgreSQL (postgres.test.ts) run them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunRecord, Store } from '../../src/store/types.js';

/** A queued async run, as the service creates it. */
export const run = (id: string, extra: Partial<RunRecord> = {}): RunRecord => ({
  id,
  keyId: null,
  state: 'queued',
  mode: 'async',
  language: 'python3',
  spec: { language: 'python3', files: [{ name: 'main.py', content: 'cHJpbnQoMSk=' }], outputEncoding: 'utf8' },
  result: null,
  error: null,
  errorCode: null,
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

/** A small OK result. */
export const okResult = {
  status: 'OK',
  exitCode: 0,
  signal: 0,
  stdout: '1\n',
  stderr: '',
  cpuTime: 0,
  wallTime: 0,
  memory: 0,
  message: '',
  encoding: 'utf8',
  compile: null,
  tests: null,
} as const;

/** What a run holds, from what it reads back: the text of its spec, result and error, in UTF-8 bytes. */
export const runBytes = (r: RunRecord): number =>
  Buffer.byteLength(JSON.stringify(r.spec)) + (r.result ? Buffer.byteLength(JSON.stringify(r.result)) : 0) + Buffer.byteLength(r.error ?? '');

/** Register the contract's tests; `open` gives a fresh, empty store. */
export function storeContract(name: string, open: () => Promise<Store>): void {
  test(`${name}: run life cycle: queued -> running -> done, once; requeue; unfinished in order`, async () => {
    const s = await open();
    await s.createRuns([run('a'), run('b', { createdAt: 2000 }), run('c', { createdAt: 3000, callbackUrl: 'http://x/' })]);
    const started = await s.startRun('a', 5000);
    assert.equal(started?.state, 'running');
    assert.equal(started?.attempts, 1);
    assert.equal(await s.startRun('a', 5000), undefined, 'a running run is not started twice');
    await s.requeueRun('a');
    assert.deepEqual(
      (await s.unfinishedRuns()).map((r) => r.id),
      ['a', 'b', 'c'],
    );
    const result = {
      status: 'OK',
      exitCode: 0,
      signal: 0,
      stdout: '1\n\u0000',
      stderr: '',
      cpuTime: 0,
      wallTime: 0,
      memory: 0,
      message: '',
      encoding: 'utf8',
      compile: null,
      tests: null,
    } as const;
    assert.equal(await s.finishRun('a', { state: 'done', result }, 6000), true);
    assert.equal(await s.finishRun('a', { state: 'failed', error: 'x' }, 6000), false, 'an ended run stays ended');
    const a = await s.getRun('a');
    assert.deepEqual(a?.result, result);
    assert.equal(a?.webhookState, 'none');
    await s.finishRun('c', { state: 'cancelled', error: 'by caller' }, 7000);
    assert.equal((await s.getRun('c'))?.webhookState, 'pending');
    assert.deepEqual(
      (await s.pendingWebhooks()).map((r) => r.id),
      ['c'],
    );
    await s.addWebhookAttempt({ runId: 'c', deliveryId: 'd', attempt: 1, at: 7001, statusCode: 500, error: null, durationMs: 3 });
    await s.addWebhookAttempt({ runId: 'c', deliveryId: 'd', attempt: 1, at: 7002, statusCode: 200, error: null, durationMs: 4 });
    await s.setWebhookState('c', 'delivered');
    assert.deepEqual(await s.webhookAttempts('c'), [{ runId: 'c', deliveryId: 'd', attempt: 1, at: 7002, statusCode: 200, error: null, durationMs: 4 }]);
    assert.deepEqual(
      (await s.unfinishedRuns()).map((r) => r.id),
      ['b'],
    );
    await s.close();
  });

  test(`${name}: a batch is stored whole, in order, or not at all`, async () => {
    const s = await open();
    const batch = ['x3', 'x1', 'x2'].map((id) => run(id, { batchId: 'b1', createdAt: 4000 }));
    await s.createRuns(batch);
    assert.deepEqual(await s.getRun('x1'), batch[1]);
    assert.deepEqual(
      (await s.unfinishedRuns()).map((r) => r.id),
      ['x3', 'x1', 'x2'],
      'equal times keep the batch order',
    );
    await assert.rejects(s.createRuns([run('y1'), run('x1')]), 'a duplicate id fails the batch');
    assert.equal(await s.getRun('y1'), undefined);
    await s.createRuns([]);
    await s.close();
  });

  test(`${name}: restartRun: a retried job's run runs again, with attempts + 1; never an ended one`, async () => {
    const s = await open();
    await s.createRuns([run('a'), run('b')]);
    await s.startRun('a', 5000);
    const again = await s.restartRun('a', 6000);
    assert.deepEqual([again?.state, again?.attempts, again?.startedAt], ['running', 2, 6000]);
    const queued = await s.restartRun('b', 6000);
    assert.deepEqual([queued?.state, queued?.attempts], ['running', 1], 'a queued run starts as startRun would');
    await s.finishRun('a', { state: 'failed', error: 'x' }, 7000);
    assert.equal(await s.restartRun('a', 8000), undefined);
    assert.equal((await s.getRun('a'))?.state, 'failed');
    assert.equal(await s.restartRun('nope', 8000), undefined);
    await s.close();
  });

  test(`${name}: quota counts and retention purge`, async () => {
    const s = await open();
    await s.createRuns([run('k1', { keyId: 'k', createdAt: 100 }), run('k2', { keyId: 'k', createdAt: 200 }), run('n1', { createdAt: 200 })]);
    assert.equal(await s.countRuns('k', 150), 1);
    assert.equal(await s.countRuns(null, 0), 1);
    await s.finishRun('k1', { state: 'failed', error: 'x' }, 300);
    assert.equal((await s.purge(250)).rows, 0);
    assert.equal((await s.purge(301)).rows, 1);
    assert.equal(await s.getRun('k1'), undefined);
    assert.ok(await s.getRun('k2'), 'unfinished runs are never purged');
    await s.close();
  });

  test(`${name}: stored bytes: each principal's count is what its rows hold, through creates, ends and purges`, async () => {
    const s = await open();
    const heavy = (id: string, keyId: string | null) =>
      run(id, { keyId, spec: { ...run(id).spec, stdin: `é${'x'.repeat(3000)}`, args: ['ü'] }, callbackUrl: null });
    await s.createRuns([heavy('a1', 'a'), run('a2', { keyId: 'a' }), run('a3', { keyId: 'a' })]);
    await s.createRuns([heavy('n1', null), run('b1', { keyId: 'b' })]);
    await s.startRun('a1', 1100);
    await s.startRun('a3', 1100);
    const out = { ...okResult, stdout: 'ä'.repeat(5000), stderr: '\u0000' };
    await s.finishRun('a1', { state: 'done', result: out }, 2000);
    await s.finishRun('n1', { state: 'failed', error: 'the sandbox failed: é' }, 2500);
    await s.finishRun('b1', { state: 'cancelled', error: 'cancelled by the caller' }, 3000);
    await s.finishRun('a1', { state: 'failed', error: 'a second end changes nothing' }, 3000);
    await s.finishRun('a2', { state: 'done', result: okResult }, 9000);
    const expect = async (keyId: string | null, ids: string[]) => {
      const rows = await Promise.all(ids.map((id) => s.getRun(id)));
      assert.equal(
        (await s.storageUse(keyId)).bytes,
        rows.reduce((n, r) => n + runBytes(r!), 0),
        `${keyId} holds ${ids.join(' ')}`,
      );
    };
    await expect('a', ['a1', 'a2', 'a3']);
    await expect(null, ['n1']);
    await expect('b', ['b1']);
    assert.deepEqual(await s.storageUse('nobody'), { bytes: 0, oldestFinished: null });
    assert.equal((await s.storageUse('a')).oldestFinished, 2000);
    const before = (await s.storageUse('a')).bytes + (await s.storageUse(null)).bytes + (await s.storageUse('b')).bytes;
    assert.equal(await s.storedBytes(), before);
    // The sweep: ended before 5000, at most 2 a time; the running a3 and the later a2 stay.
    const a1 = runBytes((await s.getRun('a1'))!);
    const first = await s.purge(5000, 2);
    const second = await s.purge(5000, 2);
    assert.deepEqual([first.rows, second.rows, (await s.purge(5000, 2)).rows], [2, 1, 0]);
    assert.equal(first.bytes + second.bytes, before - (await s.storedBytes()));
    await expect('a', ['a2', 'a3']);
    await expect(null, []);
    await expect('b', []);
    assert.equal(before - (await s.storedBytes()) > a1, true);
    assert.equal((await s.getRun('a3'))?.state, 'running', 'a running run is never swept');
    assert.equal((await s.storageUse('a')).oldestFinished, 9000);
    await s.close();
  });

  test(`${name}: keys: create, get, list, revoke`, async () => {
    const s = await open();
    await s.createKey({ id: 'abc', name: 'ci', hash: 'h', createdAt: 1, revokedAt: null, policy: { runsPerDay: 5 } });
    assert.deepEqual((await s.getKey('abc'))?.policy, { runsPerDay: 5 });
    assert.equal((await s.listKeys()).length, 1);
    assert.equal(await s.revokeKey('abc', 2), true);
    assert.equal((await s.getKey('abc'))?.revokedAt, 2);
    assert.equal(await s.revokeKey('abc', 3), true, 'revoking twice still finds the key');
    assert.equal((await s.getKey('abc'))?.revokedAt, 2, 'and keeps the first time');
    assert.equal(await s.revokeKey('nope', 2), false);
    await s.close();
  });

  test(`${name}: a failure's code and words are kept apart`, async () => {
    const s = await open();
    await s.createRuns([run('f'), run('w')]);
    await s.finishRun('f', { state: 'failed', error: 'The sandbox failed: x: y', errorCode: 'AIRLOCK_ERR_SANDBOX_FAILED' }, 6000);
    await s.finishRun('w', { state: 'failed', error: 'in words only' }, 6000);
    const f = await s.getRun('f');
    assert.deepEqual([f?.errorCode, f?.error], ['AIRLOCK_ERR_SANDBOX_FAILED', 'The sandbox failed: x: y']);
    const w = await s.getRun('w');
    assert.deepEqual([w?.errorCode, w?.error], [null, 'in words only']);
    await s.close();
  });
}
