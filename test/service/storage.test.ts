// The storage quota and the retention sweep through the real service: a key at its quota is refused on every route that
// stores (/v1 runs, batches, submissions, problem uploads; Judge0, Piston, Jobe) with AIRLOCK_ERR_STORAGE_QUOTA_EXCEEDED
// while another key is served; accepted work keeps its result; the sweep frees the room and the metrics say so.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { newKey } from '../../src/auth/keys.js';
import type { RunRecord } from '../../src/store/types.js';
import { tarGzOf } from '../helpers/archives.js';
import { repoRoot } from '../helpers/box.js';
import { py, testApp } from '../helpers/service.js';

const MiB = 1024 * 1024;
let t: Awaited<ReturnType<typeof testApp>>;
const token = { A: '', B: '' };
let keyA = '';

before(async () => {
  // Everyone's default quota is 1 MiB (the least allowed); B's policy raises its own.
  t = await testApp(530, { 'storage.quotaBytes': MiB });
  const a = newKey('A', {});
  const b = newKey('B', { storageBytes: 64 * MiB });
  await t.parts.store.createKey(a.record);
  await t.parts.store.createKey(b.record);
  [token.A, token.B, keyA] = [a.token, b.token, a.record.id];
});
after(() => t.close());

/** A request as key A or B, with each API's key header. */
function as(who: 'A' | 'B', method: string, url: string, payload?: object | Buffer, type?: string) {
  const key = token[who];
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'x-auth-token': key, 'x-api-key': key, ...(type ? { 'content-type': type } : {}) };
  return t.app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
}

const metric = async (name: string) => {
  const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
};

/** A finished run of key A that ended `daysAgo` days ago, printing `bytes` bytes. */
const oldRun = (id: string, daysAgo: number, bytes: number): RunRecord => {
  const at = Date.now() - daysAgo * 86_400_000;
  return {
    id,
    keyId: keyA,
    state: 'done',
    mode: 'async',
    language: 'python3',
    spec: { language: 'python3', files: [{ name: 'main.py', content: 'cHJpbnQoMSk=' }], outputEncoding: 'utf8' },
    result: {
      status: 'OK',
      exitCode: 0,
      signal: 0,
      stdout: 'x'.repeat(bytes),
      stderr: '',
      cpuTime: 0,
      wallTime: 0,
      memory: 0,
      message: '',
      encoding: 'utf8',
      compile: null,
      tests: null,
    },
    error: null,
    errorCode: null,
    requestId: 'old',
    attempts: 1,
    batchId: null,
    callbackUrl: null,
    webhookState: 'none',
    createdAt: at,
    startedAt: at,
    finishedAt: at,
  };
};

test('a key over its storage quota is refused on every route that stores, another key is served, accepted work keeps its result', async () => {
  const pkg = tarGzOf(join(repoRoot, 'examples/problems/aplusb'));
  const up = await as('A', 'POST', '/v1/problems', pkg, 'application/gzip');
  assert.equal(up.statusCode, 201, up.body);
  const problem = up.json().id as string;
  // Accepted below the quota, this run prints more than the whole quota: it is not lost, its output is kept.
  const big = await as('A', 'POST', '/v1/runs', py('print("y" * 1_200_000)'));
  assert.equal(big.statusCode, 200, big.body);
  assert.equal(big.json().result.stdout.length, 1_200_001);
  const stored = (await t.parts.store.storageUse(keyA)).bytes;
  assert.ok(stored > MiB, `A keeps ${stored} bytes`);
  assert.ok((await metric('airlock_stored_bytes')) >= stored);

  const refusals = await metric('airlock_storage_quota_refusals_total');
  const refused = [
    await as('A', 'POST', '/v1/runs', py('print(1)')),
    await as('A', 'POST', '/v1/runs?wait=false', py('print(1)')),
    await as('A', 'POST', '/v1/runs/batch', { runs: [py('print(1)'), py('print(2)')] }),
    await as('A', 'POST', `/v1/problems/${problem}/submissions`, { language: 'python3', source: 'print(3)' }),
    await as('A', 'POST', '/v1/problems', pkg, 'application/gzip'),
  ];
  for (const r of refused) {
    assert.equal(r.statusCode, 429, r.body);
    assert.equal(r.json().error.code, 'AIRLOCK_ERR_STORAGE_QUOTA_EXCEEDED');
    // Its oldest finished run expires after runs.retentionDays (7), then the next sweep (an hour) deletes it.
    const after = Number(r.headers['retry-after']);
    assert.ok(after > 7 * 86_400 && after <= 7 * 86_400 + 3600 + 1, `retry-after ${after}`);
  }
  assert.match(refused[0]!.json().error.message, /^Storage quota exceeded: \d+ of 1048576 bytes stored/);
  // The compatibility APIs refuse in their own shapes, never with a 500. (Piston's execute takes the same path,
  // RunService.submit, as Jobe's runs; its first request reads every language's version, too slow to add here.)
  const judge0 = await as('A', 'POST', '/submissions?wait=false', { language_id: 71, source_code: 'print(1)' });
  assert.equal(judge0.statusCode, 429, judge0.body);
  assert.match(judge0.json().error, /Storage quota exceeded/);
  const jobe = await as('A', 'POST', '/jobe/index.php/restapi/runs', { run_spec: { language_id: 'python3', sourcecode: 'print(1)' } });
  assert.equal(jobe.statusCode, 429, jobe.body);
  assert.ok(jobe.headers['retry-after']);
  assert.equal((await metric('airlock_storage_quota_refusals_total')) - refusals, refused.length + 2);
  assert.equal((await t.parts.store.storageUse(keyA)).bytes, stored, 'a refusal stores nothing');

  // B, with its own quota, is served meanwhile.
  const b = await as('B', 'POST', '/v1/runs', py('print("y" * 1_200_000)'));
  assert.equal(b.statusCode, 200, b.body);
  const sub = await as('B', 'POST', '/v1/runs/batch', { runs: [py('print(1)'), py('print(2)')] });
  assert.equal(sub.statusCode, 200, sub.body);
});

test('the retention sweep deletes what is past retention, frees its bytes, keeps running runs, and the metrics move', async () => {
  // A's big run of the first test is recent; these two ended 8 days ago (past the 7 of retention), one is still running.
  const running = { ...oldRun('still-running', 9, 0), state: 'running' as const, result: null, finishedAt: null };
  await t.parts.store.createRuns([oldRun('old-1', 8, 300_000), oldRun('old-2', 8.5, 200_000), running]);
  const held = (await t.parts.store.storageUse(keyA)).bytes;
  const refused = await as('A', 'POST', '/v1/runs', py('print(1)'));
  assert.equal(refused.statusCode, 429, refused.body);
  // Expired already: the next sweep (storage.sweepInterval, an hour) deletes them.
  assert.equal(refused.headers['retry-after'], '3600');
  const [bytesBefore, rowsBefore] = [await metric('airlock_storage_swept_bytes_total'), await metric('airlock_storage_swept_total')];
  const swept = await t.parts.sweep();
  assert.equal(swept.runs, 2);
  assert.ok(swept.bytes > 500_000, `freed ${swept.bytes}`);
  assert.equal((await t.parts.store.storageUse(keyA)).bytes, held - swept.bytes);
  assert.equal(await t.parts.store.getRun('old-1'), undefined);
  assert.equal((await t.parts.store.getRun('still-running'))?.state, 'running', 'a running run is never swept');
  assert.equal((await metric('airlock_storage_swept_bytes_total')) - bytesBefore, swept.bytes);
  assert.equal((await metric('airlock_storage_swept_total')) - rowsBefore, 2);
  assert.deepEqual(await t.parts.sweep(), { runs: 0, submissions: 0, bytes: 0 }, 'a second sweep frees nothing twice');
  await t.parts.store.finishRun('still-running', { state: 'cancelled', error: 'test over' }, Date.now());
});
