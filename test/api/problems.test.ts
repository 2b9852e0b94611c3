// Problem packages through the API: upload (tar.gz, tar, zip, JSON), list, read, replace, delete, who sees what;
// every hostile archive refused with its cap's or its rule's error and nothing written outside the package;
// submission errors as precise 4xx.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newKey } from '../../src/auth/keys.js';
import type { Policy } from '../../src/config/schema.js';
import { tar, tarGzOf, tgz, tinyPackage, zip, zipOf } from '../helpers/archives.js';
import { repoRoot } from '../helpers/box.js';
import { testApp } from '../helpers/service.js';

type T = Awaited<ReturnType<typeof testApp>>;
let t: T;
const MiB = 1024 * 1024;
before(async () => {
  t = await testApp(452, {
    'problems.maxArchiveBytes': 512 * 1024,
    'problems.maxUnpackedBytes': MiB,
    'problems.maxFiles': 60,
    'problems.maxDepth': 6,
    'queue.maxLength': 1,
    'ceilings.cpuTime': 10,
  });
});
after(() => t.close());

const examples = join(repoRoot, 'examples/problems');
const names = readdirSync(examples).sort();
const types = { 'tar.gz': 'application/gzip', tar: 'application/x-tar', zip: 'application/zip' } as const;

const send = (method: 'POST' | 'PUT', url: string, body: Buffer | object, headers: Record<string, string> = {}) =>
  t.app.inject({
    method,
    url,
    payload: Buffer.isBuffer(body) ? body : JSON.stringify(body),
    headers: { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json', ...headers },
  });
const upload = (archive: Buffer, type = 'application/octet-stream', query = '', headers: Record<string, string> = {}) =>
  send('POST', `/v1/problems${query}`, archive, { 'content-type': type, ...headers });
const files = (entries: Record<string, string>) => Object.entries(entries).map(([name, data]) => ({ name, data }));
const auth = (key?: string): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});

async function expectError(res: Awaited<ReturnType<typeof upload>>, status: number, code: string, message?: RegExp) {
  const body = res.json();
  assert.equal(res.statusCode, status, JSON.stringify(body));
  assert.equal(body.error.code, code, JSON.stringify(body));
  if (message) assert.match(body.error.message, message);
  assert.ok(!body.error.message.includes(t.config.dataDir), `no server path in ${body.error.message}`);
  return body.error;
}

async function key(name: string, policy: Policy = {}): Promise<string> {
  const { record, token } = newKey(name, policy);
  await t.parts.store.createKey(record);
  return token;
}

/** Nothing left in the upload area and nothing written next to the data directory. */
function assertClean() {
  const incoming = join(t.config.dataDir, 'problems', '.incoming');
  assert.deepEqual(existsSync(incoming) ? readdirSync(incoming) : [], []);
  for (const evil of ['evil.txt', 'evil', 'problems/evil.txt']) assert.ok(!existsSync(join(t.config.dataDir, evil)), evil);
  assert.ok(!existsSync(join(t.config.dataDir, '..', 'evil.txt')));
  assert.ok(!existsSync('/tmp/airlock-evil-absolute'));
}

describe('upload', () => {
  for (const name of names) {
    test(`examples/problems/${name} uploads as tar.gz, tar and zip`, async () => {
      const dir = join(examples, name);
      const bodies = { 'tar.gz': tarGzOf(dir), tar: tarGzOf(dir), zip: zipOf(dir) };
      bodies.tar = (await import('node:zlib')).gunzipSync(bodies['tar.gz']);
      const views = [];
      for (const [format, body] of Object.entries(bodies) as [keyof typeof types, Buffer][]) {
        const res = await upload(body, types[format]);
        assert.equal(res.statusCode, 201, `${format}: ${res.body}`);
        const p = res.json();
        assert.equal(res.headers.location, `/v1/problems/${p.id}`);
        assert.equal(p.name, name);
        assert.equal(p.revision, 1);
        views.push(p);
        const got = await t.app.inject({ url: `/v1/problems/${p.id}` });
        assert.deepEqual(got.json(), p);
      }
      const [a, b, c] = views;
      for (const v of [b, c]) assert.deepEqual({ ...v, id: '', createdAt: '', updatedAt: '' }, { ...a, id: '', createdAt: '', updatedAt: '' });
      assert.ok(a.title.length > 0 && a.statement.length > 0 && a.tests > 0 && a.points > 0, JSON.stringify(a));
      assert.equal(a.interactive, name === 'guess');
      assert.equal(a.checker, name === 'divisors' ? 'program' : name === 'circle' ? 'floats' : 'tokens');
      // Tests named sample* (or in a group "samples") are shown with the statement; no others.
      if (name === 'inversions')
        assert.ok(a.samples.length > 0 && a.samples.every((s: { name: string; input: string }) => s.name.startsWith('sample') && s.input.length > 0));
      if (name === 'aplusb') assert.deepEqual(a.samples, []);
      const list = (await t.app.inject({ url: '/v1/problems' })).json().problems;
      for (const v of views) assert.ok(list.some((p: { id: string }) => p.id === v.id));
      assert.deepEqual(Object.keys(list[0]).sort(), [
        'createdAt',
        'id',
        'interactive',
        'limits',
        'name',
        'points',
        'public',
        'revision',
        'tests',
        'title',
        'updatedAt',
      ]);
    });
  }

  test('the JSON form: base64 archive, format, name and public', async () => {
    const archive = zip(files(tinyPackage)).toString('base64');
    const res = await send('POST', '/v1/problems', { archive, format: 'zip', name: 'echo-1', public: true });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().name, res.json().public, res.json().title], ['echo-1', true, 'Echo']);
    const q = await upload(tgz(files(tinyPackage)), 'application/gzip', '?name=echo-2&public=false');
    assert.deepEqual([q.json().name, q.json().public], ['echo-2', false]);
    await expectError(await send('POST', '/v1/problems', { archive, format: 'rar' }), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await send('POST', '/v1/problems', { archive: '!!', format: 'zip' }), 400, 'AIRLOCK_ERR_BAD_ENCODING');
    await expectError(
      await send('POST', '/v1/problems', { archive, format: 'tar.gz' }),
      400,
      'AIRLOCK_ERR_BAD_ARCHIVE',
      /not a tar.gz archive \(it looks like zip\)/,
    );
    await expectError(await upload(zip(files(tinyPackage)), 'application/zip', '?name=../x'), 400, 'AIRLOCK_ERR_BAD_REQUEST', /name/);
  });

  test('"publicTests": true shows every test (the start of each) with the problem; without it only the samples', async () => {
    const pkg = (extra: string) => ({
      'p/problem.json': `{"name": "Echo"${extra}}`,
      'p/statement.md': 'Print the number.\n',
      'p/tests/sample-1.in': '1\n',
      'p/tests/sample-1.ans': '1\n',
      'p/tests/2.in': `${'2'.repeat(5000)}\n`,
      'p/tests/2.ans': '2\n',
    });
    const open = await upload(tgz(files(pkg(', "publicTests": true'))), 'application/gzip', '?name=echo-open');
    assert.equal(open.statusCode, 201, open.body);
    const got = (await t.app.inject({ method: 'GET', url: `/v1/problems/${open.json().id}` })).json();
    // Every test, in the problem's test order (the order it is judged in).
    const byName = new Map<string, { input: string; output: string }>(got.publicTests.map((x: { name: string; input: string; output: string }) => [x.name, x]));
    assert.deepEqual([...byName.keys()].sort(), ['2', 'sample-1']);
    // Each at most its first 4 KiB, with how much was left out.
    assert.match(byName.get('2')!.input, /^2{4096}… \[905 more bytes\]$/);
    assert.equal(byName.get('2')!.output, '2\n');
    assert.equal(byName.get('sample-1')!.input, '1\n');
    const closed = await upload(tgz(files(pkg(''))), 'application/gzip', '?name=echo-closed');
    const hidden = (await t.app.inject({ method: 'GET', url: `/v1/problems/${closed.json().id}` })).json();
    assert.equal(hidden.publicTests, undefined);
    assert.deepEqual(
      hidden.samples.map((x: { name: string }) => x.name),
      ['sample-1'],
    );
    await expectError(await upload(tgz(files(pkg(', "publicTests": "yes"'))), 'application/gzip'), 400, 'AIRLOCK_ERR_BAD_PROBLEM');
  });

  test('a package with mistakes: 400 AIRLOCK_ERR_BAD_PROBLEM with every one as {file, field, message}', async () => {
    const bad = { 'p/problem.json': '{"name": 5, "limits": {"time": -1}, "colour": 1}', 'p/statement.md': '', 'p/tests/1.in': '1' };
    const err = await expectError(await upload(tgz(files(bad)), 'application/gzip'), 400, 'AIRLOCK_ERR_BAD_PROBLEM');
    const fields = err.errors.map((e: { file: string; field: string }) => `${e.file} ${e.field}`);
    assert.ok(fields.includes('problem.json name'), JSON.stringify(err.errors));
    assert.ok(fields.includes('problem.json limits.time'), JSON.stringify(err.errors));
    assert.ok(fields.includes('problem.json colour'), JSON.stringify(err.errors));
    assert.ok(err.errors.every((e: { message: string }) => e.message.length > 0 && !e.message.includes(t.config.dataDir)));
    const empty = await expectError(await upload(zip(files({ 'readme.txt': 'hi' })), 'application/zip'), 400, 'AIRLOCK_ERR_BAD_PROBLEM');
    assert.match(empty.errors[0].message, /neither problem.json/);
    assertClean();
  });
});

describe('hostile archives', () => {
  const pkg = files(tinyPackage);
  test('zip-slip and absolute paths: refused before anything is written', async () => {
    await expectError(await upload(zip([...pkg, { name: 'p/../../evil.txt', data: 'x' }])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /"\.\."/);
    await expectError(await upload(tgz([...pkg, { name: '../evil.txt', data: 'x' }])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /"\.\."/);
    await expectError(await upload(tar([{ name: '/tmp/airlock-evil-absolute', data: 'x' }, ...pkg])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /absolute/);
    await expectError(await upload(zip([{ name: '/tmp/airlock-evil-absolute', data: 'x' }])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /absolute/);
    await expectError(await upload(zip([{ name: 'p\\..\\..\\evil.txt', data: 'x' }])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /backslash/);
    assertClean();
  });

  test('links, devices and FIFOs: refused, never created', async () => {
    await expectError(
      await upload(zip([...pkg, { name: 'p/tests/2.in', data: '/etc/shadow', mode: 0o120777 }])),
      400,
      'AIRLOCK_ERR_ARCHIVE_UNSAFE',
      /symbolic link/,
    );
    await expectError(
      await upload(tgz([{ name: 'p/tests/2.in', type: '2', link: '/etc/shadow' }, ...pkg])),
      400,
      'AIRLOCK_ERR_ARCHIVE_UNSAFE',
      /symbolic link/,
    );
    await expectError(await upload(tgz([...pkg, { name: 'p/tests/2.in', type: '1', link: 'p/tests/1.in' }])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /hard link/);
    await expectError(await upload(tgz([{ name: 'p/tests/2.in', type: '3' }])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /device/);
    await expectError(await upload(tgz([{ name: 'p/fifo', type: '6' }])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /FIFO/);
    await expectError(await upload(zip([{ name: 'p/dev', mode: 0o020644 }])), 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /device/);
    assertClean();
  });

  test('zip and gzip bombs stop at the unpacked-size cap', async () => {
    const zeros = Buffer.alloc(64 * MiB);
    // Honest sizes: refused from the header, before inflating.
    await expectError(await upload(zip([...pkg, { name: 'p/tests/2.in', data: zeros, deflate: true }])), 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE', /1048576 bytes/);
    // A lying header (10 bytes declared): inflating stops at the cap anyway.
    await expectError(
      await upload(zip([...pkg, { name: 'p/tests/2.in', data: zeros, deflate: true, size: 10 }])),
      413,
      'AIRLOCK_ERR_ARCHIVE_TOO_LARGE',
      /1048576 bytes/,
    );
    // Many files each under the cap, together over it.
    const parts = Array.from({ length: 4 }, (_, i) => ({ name: `p/big${i}`, data: Buffer.alloc(300 * 1024), deflate: true }));
    await expectError(await upload(zip([...pkg, ...parts])), 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE');
    await expectError(await upload(tgz([...pkg, { name: 'p/big', data: zeros.subarray(0, 2 * MiB) }])), 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE');
    // A gzip bomb that writes nothing (a huge skipped header) still stops: everything inflated counts.
    await expectError(await upload(tgz([{ name: 'pax_global_header', type: 'g', data: zeros }, ...pkg])), 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE');
    assertClean();
  });

  test('too many files, too deep, too large a body, not an archive', async () => {
    const many = Array.from({ length: 61 }, (_, i) => ({ name: `p/tests/${i}.in`, data: '1' }));
    await expectError(await upload(zip(many)), 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE', /60/);
    await expectError(await upload(tgz(many)), 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE', /60/);
    await expectError(await upload(zip([{ name: 'a/b/c/d/e/f/g.txt', data: 'x' }])), 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE', /7 levels deep/);
    const noise = Buffer.from(Array.from({ length: 600 * 1024 }, (_, i) => (i * 7919) % 251));
    await expectError(await upload(noise, 'application/zip'), 413, 'AIRLOCK_ERR_BODY_TOO_LARGE');
    await expectError(await upload(Buffer.alloc(1100 * 1024), 'application/zip'), 413, 'AIRLOCK_ERR_BODY_TOO_LARGE');
    await expectError(await upload(noise.subarray(0, 1000)), 400, 'AIRLOCK_ERR_BAD_ARCHIVE');
    await expectError(await upload(noise.subarray(0, 1000), 'application/gzip'), 400, 'AIRLOCK_ERR_BAD_ARCHIVE');
    await expectError(await upload(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 'application/gzip'), 400, 'AIRLOCK_ERR_BAD_ARCHIVE', /gzip/);
    await expectError(await upload(zip([...pkg]).subarray(0, 100), 'application/zip'), 400, 'AIRLOCK_ERR_BAD_ARCHIVE');
    await expectError(await upload(Buffer.from('hello'), 'text/plain'), 415, 'AIRLOCK_ERR_UNSUPPORTED_MEDIA_TYPE');
    assertClean();
  });
});

describe('problems: read, replace, delete, and who may', () => {
  test('GET and DELETE; the package leaves the disk; unknown ids are 404', async () => {
    const p = (await upload(zip(files(tinyPackage)))).json();
    const dir = join(t.config.dataDir, 'problems', p.id, '1');
    assert.ok(existsSync(join(dir, 'problem.json')));
    const del = await t.app.inject({ method: 'DELETE', url: `/v1/problems/${p.id}` });
    assert.equal(del.statusCode, 204);
    assert.ok(!existsSync(join(t.config.dataDir, 'problems', p.id)));
    await expectError(await t.app.inject({ url: `/v1/problems/${p.id}` }), 404, 'AIRLOCK_ERR_PROBLEM_NOT_FOUND');
    await expectError(await t.app.inject({ method: 'DELETE', url: `/v1/problems/${p.id}` }), 404, 'AIRLOCK_ERR_PROBLEM_NOT_FOUND');
  });

  test('PUT replaces the package: a new revision, the old files go', async () => {
    const p = (await upload(zip(files(tinyPackage)))).json();
    const changed = { ...tinyPackage, 'p/problem.json': '{"name": "Echo 2", "limits": {"time": 2}}' };
    const res = await send('PUT', `/v1/problems/${p.id}`, tgz(files(changed)), { 'content-type': 'application/gzip' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().revision, res.json().title, res.json().limits.time, res.json().name], [2, 'Echo 2', 2, p.name]);
    assert.ok(!existsSync(join(t.config.dataDir, 'problems', p.id, '1')));
    assert.ok(existsSync(join(t.config.dataDir, 'problems', p.id, '2', 'problem.json')));
    const broken = await send('PUT', `/v1/problems/${p.id}`, tgz(files({ 'p/problem.json': '{}' })), { 'content-type': 'application/gzip' });
    await expectError(broken, 400, 'AIRLOCK_ERR_BAD_PROBLEM');
    assert.equal((await t.app.inject({ url: `/v1/problems/${p.id}` })).json().revision, 2, 'a refused replacement changes nothing');
  });

  test('a key sees its own problems and public ones; only the owner replaces or deletes', async () => {
    const a = await key('pa');
    const b = await key('pb');
    const mine = (await upload(zip(files(tinyPackage)), 'application/zip', '', auth(a))).json();
    const shared = (await upload(zip(files(tinyPackage)), 'application/zip', '?public=true', auth(a))).json();
    const seenByB = (await t.app.inject({ url: '/v1/problems', headers: auth(b) })).json().problems.map((p: { id: string }) => p.id);
    assert.ok(seenByB.includes(shared.id) && !seenByB.includes(mine.id));
    await expectError(await t.app.inject({ url: `/v1/problems/${mine.id}`, headers: auth(b) }), 404, 'AIRLOCK_ERR_PROBLEM_NOT_FOUND');
    await expectError(await t.app.inject({ url: `/v1/problems/${mine.id}` }), 404, 'AIRLOCK_ERR_PROBLEM_NOT_FOUND');
    assert.equal((await t.app.inject({ url: `/v1/problems/${shared.id}`, headers: auth(b) })).statusCode, 200);
    await expectError(await t.app.inject({ method: 'DELETE', url: `/v1/problems/${shared.id}`, headers: auth(b) }), 403, 'AIRLOCK_ERR_FORBIDDEN');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v1/problems/${shared.id}`, headers: auth(a) })).statusCode, 204);
  });

  test("limits above the server's or the key's ceilings are refused at upload and at submission", async () => {
    const slow = { ...tinyPackage, 'p/problem.json': '{"name": "Slow", "limits": {"time": 11}}' };
    await expectError(await upload(tgz(files(slow)), 'application/gzip'), 400, 'AIRLOCK_ERR_OVER_CEILING', /server's ceiling 10/);
    const small = await key('small', { ceilings: { memory: 64 * MiB } });
    await expectError(await upload(tgz(files(tinyPackage)), 'application/gzip', '', auth(small)), 400, 'AIRLOCK_ERR_OVER_CEILING', /this key's ceiling/);
    const open = (await upload(tgz(files(tinyPackage)), 'application/gzip', '?public=true')).json();
    const res = await send('POST', `/v1/problems/${open.id}/submissions`, { language: 'python3', source: 'print(1)' }, auth(small));
    await expectError(res, 400, 'AIRLOCK_ERR_OVER_CEILING');
  });
});

describe('submission errors', () => {
  let id: string;
  before(async () => {
    id = (await upload(tgz(files(tinyPackage)), 'application/gzip')).json().id;
  });
  const submit = (body: object, problem = id, headers: Record<string, string> = {}) => send('POST', `/v1/problems/${problem}/submissions`, body, headers);

  test('each caller mistake is a precise 4xx', async () => {
    await expectError(await submit({ language: 'python3', source: 'print(1)' }, 'nope'), 404, 'AIRLOCK_ERR_PROBLEM_NOT_FOUND');
    await expectError(await submit({ source: 'print(1)' }), 400, 'AIRLOCK_ERR_BAD_REQUEST', /language/);
    await expectError(await submit({ language: 'python3' }), 400, 'AIRLOCK_ERR_BAD_REQUEST', /source or files/);
    await expectError(await submit({ language: 'brainfog', source: 'x' }), 400, 'AIRLOCK_ERR_UNKNOWN_LANGUAGE');
    await expectError(await submit({ files: [{ name: 'a.unknownext', content: 'x' }] }), 400, 'AIRLOCK_ERR_CANNOT_INFER_LANGUAGE');
    await expectError(await submit({ files: [{ name: '../a.py', content: 'x' }] }), 400, 'AIRLOCK_ERR_BAD_FILE_NAME');
    await expectError(await submit({ language: 'python3', source: '' }), 400, 'AIRLOCK_ERR_EMPTY_SOURCE');
    await expectError(await submit({ language: 'python3', source: 'x'.repeat(600 * 1024) }), 413, 'AIRLOCK_ERR_SOURCE_TOO_LARGE');
    await expectError(await submit({ language: 'python3', source: '!!', encoding: 'base64' }), 400, 'AIRLOCK_ERR_BAD_ENCODING');
    await expectError(await submit({ language: 'python3', source: 'x', stdin: '1' }), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await t.app.inject({ url: '/v1/submissions/nope' }), 404, 'AIRLOCK_ERR_SUBMISSION_NOT_FOUND');
    await expectError(await t.app.inject({ url: '/v1/submissions/nope/events' }), 404, 'AIRLOCK_ERR_SUBMISSION_NOT_FOUND');
    await expectError(await t.app.inject({ method: 'DELETE', url: '/v1/submissions/nope' }), 404, 'AIRLOCK_ERR_SUBMISSION_NOT_FOUND');
    const only = await key('c-only', { languages: ['c'] });
    await expectError(await submit({ files: [{ name: 'a.py', content: 'print(1)' }] }, id, auth(only)), 404, 'AIRLOCK_ERR_PROBLEM_NOT_FOUND', /./);
    const open = (await upload(tgz(files(tinyPackage)), 'application/gzip', '?public=true')).json();
    await expectError(await submit({ files: [{ name: 'a.py', content: 'print(1)' }] }, open.id, auth(only)), 403, 'AIRLOCK_ERR_FORBIDDEN');
  });

  test('a judged submission: 202, then done; its key alone sees it; cancelling it then is 409', async () => {
    const a = await key('sa');
    const open = (await upload(tgz(files(tinyPackage)), 'application/gzip', '?public=true')).json();
    const res = await submit({ files: [{ name: 'echo.py', content: 'print(input())' }] }, open.id, auth(a));
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.headers.location, `/v1/submissions/${res.json().id}`);
    assert.deepEqual([res.json().state, res.json().maxScore, res.json().language], ['queued', 100, 'python3']);
    const url = `/v1/submissions/${res.json().id}`;
    let view = res.json();
    for (let i = 0; i < 200 && (view.state === 'queued' || view.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = (await t.app.inject({ url, headers: auth(a) })).json();
    }
    assert.deepEqual([view.state, view.verdict, view.score], ['done', 'AC', 100], JSON.stringify(view));
    await expectError(await t.app.inject({ url }), 404, 'AIRLOCK_ERR_SUBMISSION_NOT_FOUND');
    await expectError(await t.app.inject({ method: 'DELETE', url, headers: auth(a) }), 409, 'AIRLOCK_ERR_SUBMISSION_FINISHED');
  });

  test('queue full: 429 with Retry-After; cancel kills queued and running judgements', async () => {
    const sleeper = { language: 'python3', source: 'import time\ntime.sleep(2.5)\nprint(1)' };
    const ids: string[] = [];
    let full;
    for (let i = 0; i < 4 && !full; i++) {
      const res = await submit(sleeper);
      if (res.statusCode === 429) full = res;
      else ids.push(res.json().id);
      await new Promise((r) => setTimeout(r, 100)); // the queue hands the first ones to the slots
    }
    assert.ok(full, 'the queue filled up');
    await expectError(full, 429, 'AIRLOCK_ERR_QUEUE_FULL');
    assert.ok(Number(full.headers['retry-after']) >= 1);
    const started = Date.now();
    const states = [];
    for (const s of ids) states.push((await t.app.inject({ method: 'DELETE', url: `/v1/submissions/${s}` })).json().state);
    assert.deepEqual(
      states,
      ids.map(() => 'cancelled'),
    );
    assert.ok(Date.now() - started < 2000, `cancelled in ${Date.now() - started} ms, not after the sleeps`);
  });

  test("a key's runsPerDay counts its runs and submissions together", async () => {
    const q = await key('quota', { runsPerDay: 1 });
    const open = (await upload(tgz(files(tinyPackage)), 'application/gzip', '?public=true')).json();
    assert.equal((await submit({ language: 'python3', source: 'print(input())' }, open.id, auth(q))).statusCode, 202);
    const over = await submit({ language: 'python3', source: 'print(input())' }, open.id, auth(q));
    await expectError(over, 429, 'AIRLOCK_ERR_QUOTA_EXCEEDED');
    const run = await t.app.inject({ method: 'POST', url: '/v1/runs', payload: { language: 'python3', source: 'print(1)' }, headers: auth(q) });
    assert.equal(run.json().error.code, 'AIRLOCK_ERR_QUOTA_EXCEEDED');
  });
});
