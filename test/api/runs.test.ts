// The native /v1 API through inject: every route, and every caller error as a precise 4xx with its stable code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { py, testApp } from '../helpers/service.js';

type T = Awaited<ReturnType<typeof testApp>>;
let t: T;
before(async () => {
  t = await testApp(300, { 'runs.maxSourceBytes': 1000, 'runs.maxStdinBytes': 100, 'server.bodyLimit': 4000, 'runs.maxBatch': 3, 'ceilings.cpuTime': 10 });
});
after(() => t.close());

const post = (body: unknown, url = '/v1/runs', headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

async function expectError(res: Awaited<ReturnType<typeof post>>, status: number, code: string) {
  const body = res.json();
  assert.equal(res.statusCode, status, JSON.stringify(body));
  assert.equal(body.error.code, code, JSON.stringify(body));
  assert.ok(body.error.message.length > 0);
  assert.ok(body.error.requestId);
  assert.ok(!/\n\s+at /.test(res.body), 'no stack trace');
}

describe('runs', () => {
  test('POST /v1/runs waits for the result by default', async () => {
    const res = await post(py('import sys\nprint("Hello", sys.stdin.read())', { stdin: 'world' }));
    assert.equal(res.statusCode, 200);
    const run = res.json();
    assert.equal(run.state, 'done');
    assert.equal(run.result.status, 'OK');
    assert.equal(run.result.stdout, 'Hello world\n');
    assert.equal(run.result.encoding, 'utf8');
    assert.equal(run.result.compile, null);
    assert.ok(res.headers['x-request-id']);
  });

  test('wait=false answers 202 with the id; GET finds the result', async () => {
    const res = await post(py('print(6*7)'), '/v1/runs?wait=false');
    assert.equal(res.statusCode, 202);
    const { id, state } = res.json();
    assert.equal(state, 'queued');
    assert.equal(res.headers.location, `/v1/runs/${id}`);
    const done = await t.parts.service.wait(id, 10_000);
    assert.equal(done.state, 'done');
    const got = await t.app.inject({ url: `/v1/runs/${id}` });
    assert.equal(got.statusCode, 200);
    assert.equal(got.json().result.stdout, '42\n');
  });

  test('files in base64, args, compile output of C, and the request id from the caller', async () => {
    const c = '#include <stdio.h>\nint main(int c, char**v){ printf("%s\\n", v[1]); return 0; }\n';
    const res = await post(
      { language: 'c', files: [{ name: 'a.c', content: Buffer.from(c).toString('base64'), encoding: 'base64' }], args: ['hi'] },
      '/v1/runs',
      { 'x-request-id': 'trace-123' },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['x-request-id'], 'trace-123');
    assert.equal(res.json().result.stdout, 'hi\n');
    assert.equal(res.json().result.compile.status, 'OK');
  });

  test('empty arguments reach the program, the last one too', async () => {
    // The daemon's argument frame once separated arguments by NULs, so a trailing '' vanished.
    const res = await post(py('import sys, json; print(json.dumps(sys.argv[1:]))', { args: ['a', '', 'b', ''] }));
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(JSON.parse(res.json().result.stdout), ['a', '', 'b', '']);
  });

  test('a failing program is a result (RE, TLE), not an error', async () => {
    const re = await post(py('raise SystemExit(3)'));
    assert.equal(re.statusCode, 200);
    assert.equal(re.json().result.status, 'RE');
    assert.equal(re.json().result.exitCode, 3);
    const tle = await post(py('while True: pass', { limits: { cpuTime: 0.3 } }));
    assert.equal(tle.json().result.status, 'TLE');
  });

  test('a C compile error is CE with the compiler output', async () => {
    const res = await post({ language: 'c', source: 'int main( { return 0; }' });
    assert.equal(res.json().result.status, 'CE');
    assert.match(res.json().result.compile.stderr, /error/);
  });

  test('output that is not UTF-8 comes back as base64, never altered', async () => {
    const res = await post(py('import sys; sys.stdout.buffer.write(bytes([0xff, 0xfe, 0x41]))'));
    const r = res.json().result;
    assert.equal(r.encoding, 'base64');
    assert.deepEqual([...Buffer.from(r.stdout, 'base64')], [0xff, 0xfe, 0x41]);
    const b64 = await post(py('print("x")', { outputEncoding: 'base64' }));
    assert.equal(Buffer.from(b64.json().result.stdout, 'base64').toString(), 'x\n');
  });

  test('DELETE cancels a running run and kills its box', async () => {
    const res = await post(py('import time; time.sleep(30)', { limits: { wallTime: 40 } }), '/v1/runs?wait=false');
    const { id } = res.json();
    for (let i = 0; i < 100 && (await t.parts.store.getRun(id))?.state !== 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    const started = Date.now();
    const del = await t.app.inject({ method: 'DELETE', url: `/v1/runs/${id}` });
    assert.equal(del.statusCode, 200);
    assert.equal(del.json().state, 'cancelled');
    assert.ok(Date.now() - started < 5000);
    await expectError(await t.app.inject({ method: 'DELETE', url: `/v1/runs/${id}` }), 409, 'AIRLOCK_ERR_RUN_FINISHED');
  });

  test('a sync run cancelled by DELETE answers 409 CANCELLED', async () => {
    const pending = post(py('import time; time.sleep(30)', { limits: { wallTime: 40 } }));
    let id: string | undefined;
    for (let i = 0; i < 100 && !id; i++) {
      await new Promise((r) => setTimeout(r, 20));
      id = (await t.parts.store.unfinishedRuns()).find((r) => r.mode === 'sync')?.id;
    }
    await t.app.inject({ method: 'DELETE', url: `/v1/runs/${id}` });
    await expectError(await pending, 409, 'AIRLOCK_ERR_CANCELLED');
  });

  test('batch: all or none, results in order', async () => {
    const res = await post({ runs: [py('print(1)'), py('print(2)')] }, '/v1/runs/batch');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().runs.map((r: { result: { stdout: string } }) => r.result.stdout),
      ['1\n', '2\n'],
    );
    const ids = res.json().runs.map((r: { batchId: string }) => r.batchId);
    assert.equal(ids[0], ids[1]);
    const bad = await post({ runs: [py('print(1)'), { language: 'brainfog', source: 'x' }] }, '/v1/runs/batch');
    await expectError(bad, 400, 'AIRLOCK_ERR_UNKNOWN_LANGUAGE');
    assert.match(bad.json().error.message, /runs\[1\]/);
    await expectError(await post({ runs: [py('1'), py('2'), py('3'), py('4')] }, '/v1/runs/batch'), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    const async = await post({ runs: [py('print(3)')] }, '/v1/runs/batch?wait=false');
    assert.equal(async.statusCode, 202);
  });

  test('GET /v1/languages lists python3 as installed', async () => {
    const res = await t.app.inject({ url: '/v1/languages' });
    const python = res.json().languages.find((l: { id: string }) => l.id === 'python3');
    assert.equal(python.installed, true);
    assert.match(python.version, /^3\./);
  });

  test('GET /v1/health is ready; /metrics counts runs; /docs and the OpenAPI document are served', async () => {
    const health = await t.app.inject({ url: '/v1/health' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().ready, true);
    const metrics = await t.app.inject({ url: '/metrics' });
    assert.match(metrics.body, /airlock_queue_waiting 0/);
    // Each node counts what it did: in a cluster the runs were run (and counted) by the worker.
    const ran = t.worker ? await t.worker.metrics.registry.metrics() : metrics.body;
    assert.match(ran, /airlock_runs_total\{language="python3",status="OK"\} \d+/);
    assert.match(ran, /airlock_stage_seconds_bucket/);
    const doc = await t.app.inject({ url: '/docs/json' });
    assert.equal(doc.statusCode, 200);
    assert.ok(doc.json().paths['/v1/runs'].post);
    const page = await t.app.inject({ url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger/i);
  });
});

describe('caller errors: a precise 4xx with a stable code', () => {
  test('malformed JSON, empty body, wrong types, unknown fields', async () => {
    await expectError(await post('{"language":'), 400, 'AIRLOCK_ERR_MALFORMED_JSON');
    await expectError(await post(''), 400, 'AIRLOCK_ERR_MALFORMED_JSON');
    await expectError(await post({ language: 5, source: 'x' }), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post({ ...py('x'), limits: { cpuTime: '1' } }), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post({ ...py('x'), bogus: 1 }), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post({ language: 'python3' }), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post({ ...py('x'), files: [{ name: 'a.py', content: 'x' }] }), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post(py('x'), '/v1/runs?wait=maybe'), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post('{"__proto__":{"x":1},"language":"python3","source":"x"}'), 400, 'AIRLOCK_ERR_MALFORMED_JSON');
  });

  test('content type and body size', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/runs',
      payload: 'language=python3',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectError(res, 415, 'AIRLOCK_ERR_UNSUPPORTED_MEDIA_TYPE');
    await expectError(await post(py('#'.repeat(5000))), 413, 'AIRLOCK_ERR_BODY_TOO_LARGE');
  });

  test('invalid UTF-8 in the body and unpaired surrogates are refused, not replaced', async () => {
    const bytes = Buffer.concat([Buffer.from('{"language":"python3","source":"print(1)#'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    await expectError(await post(bytes), 400, 'AIRLOCK_ERR_INVALID_TEXT');
    await expectError(await post('{"language":"python3","source":"print(1)#\\ud800"}'), 400, 'AIRLOCK_ERR_INVALID_TEXT');
  });

  test('bad base64, empty source, too large source and stdin, bad file names, NUL in args', async () => {
    await expectError(await post(py('***', { encoding: 'base64' })), 400, 'AIRLOCK_ERR_BAD_ENCODING');
    await expectError(await post(py('abc', { encoding: 'base64' })), 400, 'AIRLOCK_ERR_BAD_ENCODING');
    await expectError(await post(py('')), 400, 'AIRLOCK_ERR_EMPTY_SOURCE');
    await expectError(await post(py('#'.repeat(1001))), 413, 'AIRLOCK_ERR_SOURCE_TOO_LARGE');
    await expectError(await post(py('x', { stdin: 'y'.repeat(101) })), 413, 'AIRLOCK_ERR_STDIN_TOO_LARGE');
    await expectError(await post({ language: 'python3', files: [{ name: '../etc/x', content: 'x' }] }), 400, 'AIRLOCK_ERR_BAD_FILE_NAME');
    await expectError(await post({ language: 'python3', files: [{ name: 'a.py', content: 'x' }], main: 'b.py' }), 400, 'AIRLOCK_ERR_BAD_FILE_NAME');
    await expectError(await post(py('x', { args: ['a\u0000b'] })), 400, 'AIRLOCK_ERR_BAD_ARGUMENT');
  });

  test('unknown language, limits over the ceiling, network without permission, judging fields', async () => {
    await expectError(await post({ language: 'brainfog', source: 'x' }), 400, 'AIRLOCK_ERR_UNKNOWN_LANGUAGE');
    await expectError(await post(py('x', { limits: { cpuTime: 11 } })), 400, 'AIRLOCK_ERR_OVER_CEILING');
    await expectError(await post(py('x', { limits: { cpuTime: -1 } })), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post(py('x', { network: true })), 403, 'AIRLOCK_ERR_FORBIDDEN');
    // Judging fields are checked like the rest (test/api/judged-runs.test.ts has the judging itself).
    await expectError(await post(py('x', { tests: [] })), 400, 'AIRLOCK_ERR_BAD_REQUEST');
  });

  test('callback URLs: http(s) only, absolute', async () => {
    await expectError(await post(py('x', { callbackUrl: 'file:///etc/passwd' })), 400, 'AIRLOCK_ERR_BAD_CALLBACK_URL');
    await expectError(await post(py('x', { callbackUrl: 'not a url' })), 400, 'AIRLOCK_ERR_BAD_CALLBACK_URL');
  });

  test('unknown routes and runs are 404; a bad key is 401', async () => {
    await expectError(await t.app.inject({ url: '/v1/nothing' }), 404, 'AIRLOCK_ERR_NOT_FOUND');
    await expectError(await t.app.inject({ url: '/v1/runs/00000000-0000-0000-0000-000000000000' }), 404, 'AIRLOCK_ERR_RUN_NOT_FOUND');
    await expectError(await t.app.inject({ method: 'DELETE', url: '/v1/runs/nope' }), 404, 'AIRLOCK_ERR_RUN_NOT_FOUND');
    await expectError(await t.app.inject({ url: '/v1/languages', headers: { authorization: 'Bearer ak_nope' } }), 401, 'AIRLOCK_ERR_UNAUTHORIZED');
  });
});

describe('queue limits and shutdown', () => {
  test('a full queue answers 429 with Retry-After; shutting down answers 503', async () => {
    const small = await testApp(302, { slots: 1, 'queue.maxLength': 1 });
    try {
      const sleep = py('import time; time.sleep(30)', { limits: { wallTime: 40 } });
      const post2 = () => small.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: sleep });
      const a = await post2();
      for (let i = 0; i < 100 && (await small.parts.queue.stats()).running === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const b = await post2();
      assert.equal(a.statusCode, 202);
      assert.equal(b.statusCode, 202);
      const c = await post2();
      await expectError(c, 429, 'AIRLOCK_ERR_QUEUE_FULL');
      assert.ok(Number(c.headers['retry-after']) >= 1);
      await small.app.inject({ method: 'DELETE', url: `/v1/runs/${b.json().id}` });
      await small.app.inject({ method: 'DELETE', url: `/v1/runs/${a.json().id}` });
      await small.parts.service.shutdown(100);
      await expectError(await small.app.inject({ method: 'POST', url: '/v1/runs', payload: py('print(1)') }), 503, 'AIRLOCK_ERR_SHUTTING_DOWN');
      const health = await small.app.inject({ url: '/v1/health' });
      assert.equal(health.statusCode, 503);
    } finally {
      await small.close();
    }
  });
});

describe('over a real socket', () => {
  test('a sync client that hangs up has its run cancelled (its box killed)', async () => {
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { request } = await import('node:http');
    const req = request(`${url}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('error', () => {});
    req.end(JSON.stringify(py('import time; time.sleep(30)', { limits: { wallTime: 40 } })));
    let id: string | undefined;
    for (let i = 0; i < 200 && !id; i++) {
      await new Promise((r) => setTimeout(r, 20));
      id = (await t.parts.store.unfinishedRuns()).find((r) => r.state === 'running' && r.mode === 'sync')?.id;
    }
    assert.ok(id, 'the run started');
    req.destroy();
    const end = await t.parts.service.wait(id, 5000);
    assert.equal(end.state, 'cancelled');
  });
});
