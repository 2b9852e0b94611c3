// Runs sent with tests or expectedOutput (/v1/runs): judged through the service's one run path, for sync,
// async, batch, webhooks and the WebSocket stream; every mistake in the judging fields a precise 4xx.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { py, testApp } from '../helpers/service.js';

type T = Awaited<ReturnType<typeof testApp>>;
let t: T;
before(async () => {
  // Ceilings below the default run limits (5 s, 10 s): judged tests get the defaults lowered to them, never IE.
  t = await testApp(450, { 'runs.maxStdinBytes': 1000, 'webhooks.initialDelay': 0.05, 'ceilings.cpuTime': 3, 'ceilings.wallTime': 6 });
});
after(() => t.close());

const post = (body: unknown, url = '/v1/runs') =>
  t.app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function expectError(res: Awaited<ReturnType<typeof post>>, status: number, code: string, message?: RegExp) {
  const body = res.json();
  assert.equal(res.statusCode, status, JSON.stringify(body));
  assert.equal(body.error.code, code, JSON.stringify(body));
  if (message) assert.match(body.error.message, message);
}

const SUM = 'a, b = map(int, input().split())\nprint(a + b)\n';
const sumTests = [
  { input: '1 2\n', output: '3\n' },
  { name: 'big', input: '2000000000 2000000000\n', output: '4000000000\n' },
  { input: '-5 5\n', output: '0\n' },
];

describe('inline judging', () => {
  test('tests: AC with every test reported, the score out of 100', async () => {
    const res = await post(py(SUM, { tests: sumTests }));
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json().result;
    assert.equal(r.verdict, 'AC', JSON.stringify(r));
    assert.deepEqual([r.score, r.maxScore, r.status], [100, 100, 'OK']);
    assert.deepEqual(
      r.tests.map((x: { name: string; verdict: string }) => [x.name, x.verdict]),
      [
        ['1', 'AC'],
        ['big', 'AC'],
        ['3', 'AC'],
      ],
    );
    const first = r.tests[0];
    for (const k of ['name', 'verdict', 'score', 'cpuTime', 'wallTime', 'memory', 'message', 'stdout', 'stderr']) assert.ok(k in first, k);
    assert.equal(first.stdout, '3\n');
  });

  test("WA names the test and the difference; the run's own fields show that test; points weigh the score", async () => {
    const c = '#include <stdio.h>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);}\n';
    const tests = sumTests.map((x, i) => ({ ...x, points: [1, 3, 1][i] }));
    const r = (await post({ language: 'c', source: c, tests })).json().result;
    assert.equal(r.verdict, 'WA', JSON.stringify(r));
    assert.deepEqual([r.score, r.maxScore], [2, 5]);
    assert.match(r.reason, /test big: wrong answer: 1st token differs: expected "4000000000", found "-294967296"/);
    assert.equal(r.stdout, '-294967296\n');
    assert.equal(r.status, 'OK');
    assert.equal(r.compile.status, 'OK');
  });

  test('TLE, and the limits of a plain run apply to each test', async () => {
    const r = (
      await post(
        py('import sys\nif sys.stdin.read().strip() == "loop":\n    while True: pass\nprint("ok")', {
          tests: [
            { input: 'x', output: 'ok' },
            { input: 'loop', output: 'ok' },
          ],
          limits: { cpuTime: 0.5 },
        }),
      )
    ).json().result;
    assert.equal(r.verdict, 'TLE', JSON.stringify(r));
    assert.deepEqual(
      r.tests.map((x: { verdict: string }) => x.verdict),
      ['AC', 'TLE'],
    );
    assert.equal(r.status, 'TLE');
    assert.ok(r.tests[1].cpuTime >= 0.4 && r.tests[1].cpuTime < 2, String(r.tests[1].cpuTime));
  });

  test("CE: no test runs, the compiler's words are kept", async () => {
    const r = (await post({ language: 'c', source: 'int main( {', tests: sumTests })).json().result;
    assert.deepEqual([r.verdict, r.status, r.tests.length, r.score], ['CE', 'CE', 0, 0]);
    assert.match(r.compile.stderr, /error/);
  });

  test("expectedOutput: one test with the run's stdin; checkers; a test without output is only run", async () => {
    const ok = (await post(py('print(input()[::-1])', { stdin: 'stressed', expectedOutput: 'desserts\n' }))).json().result;
    assert.deepEqual([ok.verdict, ok.tests.length, ok.stdout], ['AC', 1, 'desserts\n']);
    const wa = (await post(py('print(input())', { stdin: 'a', expectedOutput: 'b' }))).json().result;
    assert.equal(wa.verdict, 'WA');
    const exact = (await post(py('print("x ")', { expectedOutput: 'x\n', checker: { type: 'exact' } }))).json().result;
    assert.equal(exact.verdict, 'WA');
    const lines = (await post(py('print("x ")', { expectedOutput: 'x\n', checker: { type: 'lines' } }))).json().result;
    assert.equal(lines.verdict, 'AC');
    const floats = (await post(py('print(3.14159)', { expectedOutput: '3.1416', checker: { type: 'floats', absolute: 0.001 } }))).json().result;
    assert.equal(floats.verdict, 'AC');
    const unordered = (await post(py('print("b"); print("a")', { expectedOutput: 'a\nb\n', checker: { type: 'unordered' } }))).json().result;
    assert.equal(unordered.verdict, 'AC');
    const ran = (await post(py('import sys; n = int(input()); sys.exit(n)', { tests: [{ input: '0' }, { input: '3' }] }))).json().result;
    assert.deepEqual(
      ran.tests.map((x: { verdict: string; exitCode: number }) => [x.verdict, x.exitCode]),
      [
        ['AC', 0],
        ['RE', 3],
      ],
    );
  });

  test("base64: inputs and outputs in the run's encoding, outputs in its outputEncoding", async () => {
    const b = (s: string) => Buffer.from(s).toString('base64');
    const r = (
      await post({
        language: 'python3',
        source: b('print(input())'),
        encoding: 'base64',
        tests: [{ input: b('hi\n'), output: b('hi\n') }],
        outputEncoding: 'base64',
      })
    ).json().result;
    assert.equal(r.verdict, 'AC');
    assert.equal(r.encoding, 'base64');
    assert.equal(Buffer.from(r.tests[0].stdout, 'base64').toString(), 'hi\n');
  });

  test('async, batch and the webhook carry the judgement', async () => {
    const hooks: unknown[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        hooks.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const port = (receiver.address() as { port: number }).port;
      const res = await post(py(SUM, { tests: sumTests, callbackUrl: `http://127.0.0.1:${port}/hook` }), '/v1/runs?wait=false');
      assert.equal(res.statusCode, 202);
      const done = await t.parts.service.wait(res.json().id, 30_000);
      assert.equal(done.result?.verdict, 'AC');
      for (let i = 0; i < 100 && hooks.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal((hooks[0] as { result: { verdict: string } }).result.verdict, 'AC');
      const batch = await post({ runs: [py(SUM, { tests: sumTests }), py('print(0)', { expectedOutput: '1' }), py('print(1)')] }, '/v1/runs/batch');
      assert.deepEqual(
        batch.json().runs.map((r: { result: { verdict?: string | null } }) => r.result.verdict ?? null),
        ['AC', 'WA', null],
      );
    } finally {
      receiver.close();
    }
  });

  test('the WebSocket stream reports each test as it finishes, then the result', async () => {
    const { url } = { url: (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws') };
    const got: Array<{ type: string; test?: { name: string; verdict: string }; run?: { result: { verdict: string } } }> = await new Promise(
      (resolve, reject) => {
        const ws = new WebSocket(`${url}/v1/stream`);
        const msgs: never[] = [];
        ws.on('open', () => ws.send(JSON.stringify({ type: 'start', run: py(SUM, { tests: sumTests }) })));
        ws.on('message', (raw) => msgs.push(JSON.parse((raw as Buffer).toString()) as never));
        ws.on('close', () => resolve(msgs));
        ws.on('error', reject);
      },
    );
    const types = got.map((m) => m.type);
    assert.equal(types[0], 'started');
    assert.deepEqual(types.filter((x) => x === 'test').length, 3);
    assert.ok(types.includes('group'));
    assert.equal(types.at(-1), 'result');
    assert.equal(got.at(-1)!.run!.result.verdict, 'AC');
  });

  test('every mistake in the judging fields is a precise 4xx', async () => {
    await expectError(await post(py('x', { tests: [] })), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post(py('x', { tests: [{ output: '1' }] })), 400, 'AIRLOCK_ERR_BAD_REQUEST', /input/);
    await expectError(await post(py('x', { tests: [{ input: '1', extra: 1 }] })), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post(py('x', { tests: [{ input: '1', output: '1' }], expectedOutput: '1' })), 400, 'AIRLOCK_ERR_BAD_REQUEST', /not both/);
    await expectError(await post(py('x', { tests: [{ input: '1', output: '1' }], stdin: '1' })), 400, 'AIRLOCK_ERR_BAD_REQUEST', /stdin/);
    await expectError(await post(py('x', { checker: { type: 'exact' } })), 400, 'AIRLOCK_ERR_BAD_REQUEST', /checker/);
    await expectError(await post(py('x', { expectedOutput: '1', checker: { type: 'program' } })), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post(py('x', { expectedOutput: '1', checker: { type: 'tokens', absolute: 1 } })), 400, 'AIRLOCK_ERR_BAD_ARGUMENT', /floats/);
    await expectError(await post(py('x', { tests: [{ name: 'a b', input: '1' }] })), 400, 'AIRLOCK_ERR_BAD_ARGUMENT', /a b/);
    await expectError(
      await post(
        py('x', {
          tests: [
            { name: 'a', input: '1' },
            { name: 'a', input: '2' },
          ],
        }),
      ),
      400,
      'AIRLOCK_ERR_BAD_ARGUMENT',
      /unique/,
    );
    await expectError(await post(py('x', { tests: [{ input: '1', points: -1 }] })), 400, 'AIRLOCK_ERR_BAD_REQUEST');
    await expectError(await post(py('x', { tests: [{ input: 'x'.repeat(1001) }] })), 413, 'AIRLOCK_ERR_STDIN_TOO_LARGE', /tests\[0\]\.input/);
    await expectError(await post(py('x', { tests: [{ input: '!!', output: '1' }], encoding: 'base64' })), 400, 'AIRLOCK_ERR_BAD_ENCODING');
    await expectError(await post(py('x', { tests: Array.from({ length: 257 }, () => ({ input: '' })) })), 400, 'AIRLOCK_ERR_BAD_REQUEST');
  });
});
