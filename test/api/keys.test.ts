// API keys end to end: `airlock keys` creates, lists and revokes; the API enforces each key's policy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../helpers/box.js';
import { py, testApp } from '../helpers/service.js';

const dataDir = mkdtempSync(join(tmpdir(), 'airlock-keys-'));
// The service's store: SQLite in the data directory, or the scale-out pass's PostgreSQL.
const storeArgs = () => (t?.config.store.postgres ? ['--store', t.config.store.postgres] : []);
const airlock = (...args: string[]) =>
  execFileSync(process.execPath, [`${repoRoot}dist/src/cli/main.js`, ...args, '--data-dir', dataDir, ...storeArgs()], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const create = (name: string, ...policy: string[]) => airlock('keys', 'create', name, ...policy).trim();

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => {
  t = await testApp(318, { dataDir, 'auth.anonymous': false });
});
after(() => t.close());

const run = (key: string | undefined, body: unknown, url = '/v1/runs') =>
  t.app.inject({ method: 'POST', url, payload: body as object, headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('keys', () => {
  test('create prints a key once; list shows it without the secret; the store keeps only a hash', () => {
    const key = create('ci');
    assert.match(key, /^ak_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const list = JSON.parse(airlock('keys', 'list', '--json'));
    const row = list.find((k: { name: string }) => k.name === 'ci');
    assert.equal(row.id, key.slice(3, 15));
    assert.ok(!JSON.stringify(list).includes(key.slice(16)), 'the secret is not listed');
    assert.equal(row.hash, undefined);
  });

  test('anonymous access off: no key or a wrong key is 401, a good key runs', async () => {
    assert.equal((await run(undefined, py('print(1)'))).json().error.code, 'AIRLOCK_ERR_UNAUTHORIZED');
    const key = create('good');
    const forged = `${key.slice(0, -4)}AAAA`;
    assert.equal((await run(forged, py('print(1)'))).statusCode, 401);
    const ok = await run(key, py('print(1)'));
    assert.equal(ok.statusCode, 200);
    assert.equal((await t.app.inject({ url: '/v1/languages', headers: { 'x-api-key': key } })).statusCode, 200);
    assert.equal((await t.app.inject({ url: '/v1/health' })).statusCode, 200, 'health needs no key');
  });

  test('a key sees only its own runs', async () => {
    const a = create('a');
    const b = create('b');
    const { id } = (await run(a, py('print(1)'), '/v1/runs?wait=false')).json();
    assert.equal((await t.app.inject({ url: `/v1/runs/${id}`, headers: { authorization: `Bearer ${a}` } })).statusCode, 200);
    assert.equal((await t.app.inject({ url: `/v1/runs/${id}`, headers: { authorization: `Bearer ${b}` } })).json().error.code, 'AIRLOCK_ERR_RUN_NOT_FOUND');
  });

  test('revoked keys stop working at once', async () => {
    const key = create('gone');
    assert.equal((await run(key, py('print(1)'))).statusCode, 200);
    airlock('keys', 'revoke', key.slice(3, 15));
    assert.equal((await run(key, py('print(1)'))).statusCode, 401);
    assert.throws(() => airlock('keys', 'revoke', 'nosuchkey123'), /AIRLOCK_ERR_KEY_NOT_FOUND/);
  });

  test('per-key ceilings: over is 400, and a default above the ceiling is lowered to it', async () => {
    const key = create('small', '--max-cpu-time', '0.5');
    const over = await run(key, py('1', { limits: { cpuTime: 2 } }));
    assert.equal(over.json().error.code, 'AIRLOCK_ERR_OVER_CEILING');
    assert.match(over.json().error.message, /key's ceiling 0\.5/);
    const spin = (await run(key, py('while True: pass'))).json();
    assert.equal(spin.result.status, 'TLE');
    assert.ok(spin.result.cpuTime < 1.5, `cpu ${spin.result.cpuTime}`);
  });

  test('per-key languages and network permission', async () => {
    const key = create('py-only', '--languages', 'python3', '--network');
    assert.equal((await run(key, { language: 'c', source: 'int main(){}' })).json().error.code, 'AIRLOCK_ERR_FORBIDDEN');
    const net = (await run(key, py('1', { network: true }))).json();
    assert.equal(net.error.code, 'AIRLOCK_ERR_FORBIDDEN', 'the server has sandbox.allowNetwork off');
    assert.match(net.error.message, /disabled on this server/);
  });

  test('rate limit: burst, then 429 RATE_LIMITED with Retry-After', async () => {
    const key = create('slow', '--rate', '0.5', '--burst', '2');
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await t.app.inject({ url: '/v1/languages', headers: { authorization: `Bearer ${key}` } })).statusCode);
    assert.deepEqual(codes, [200, 200, 429]);
    const res = await t.app.inject({ url: '/v1/languages', headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.json().error.code, 'AIRLOCK_ERR_RATE_LIMITED');
    assert.ok(Number(res.headers['retry-after']) >= 1);
  });

  test('quota: runs per day, then 429 QUOTA_EXCEEDED', async () => {
    const key = create('quota', '--runs-per-day', '2');
    assert.equal((await run(key, py('print(1)'))).statusCode, 200);
    assert.equal((await run(key, { runs: [py('print(1)'), py('print(2)')] }, '/v1/runs/batch')).json().error.code, 'AIRLOCK_ERR_QUOTA_EXCEEDED');
    assert.equal((await run(key, py('print(1)'))).statusCode, 200);
    const res = await run(key, py('print(1)'));
    assert.equal(res.json().error.code, 'AIRLOCK_ERR_QUOTA_EXCEEDED');
    assert.ok(Number(res.headers['retry-after']) > 0);
  });

  test('bad policy options are refused by the CLI', () => {
    assert.throws(() => create('bad', '--rate', 'fast'), /AIRLOCK_ERR_BAD_ARGUMENT/);
    assert.throws(() => create('bad', '--burst', '1.5'), /AIRLOCK_ERR_BAD_ARGUMENT/);
  });
});
