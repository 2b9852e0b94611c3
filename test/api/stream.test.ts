// WebSocket sessions over a real socket: stdin as it goes, output as it comes, then the result; caps and limits hold.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { testApp } from '../helpers/service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let url: string;
before(async () => {
  t = await testApp(304);
  url = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
});
after(() => t.close());

type Msg = { type: string; data?: string; id?: string; run?: { state: string; result: { status: string; stdout: string } }; error?: { code: string } };

/** Open a session, hand each message to `onMessage`, resolve with all messages when the server closes. */
function session(onMessage: (m: Msg, ws: WebSocket) => void): Promise<Msg[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}/v1/stream`);
    const got: Msg[] = [];
    ws.on('message', (raw) => {
      const m = JSON.parse((raw as Buffer).toString()) as Msg;
      got.push(m);
      onMessage(m, ws);
    });
    ws.on('open', () => onMessage({ type: 'open' }, ws));
    ws.on('close', () => resolve(got));
    ws.on('error', reject);
  });
}

test('a program reads a name from stdin and greets it; output arrives before the end', async () => {
  const program = 'name = input("Name? ")\nprint(f"Hello, {name}!")\n';
  const got = await session((m, ws) => {
    if (m.type === 'open') ws.send(JSON.stringify({ type: 'start', run: { language: 'python3', source: program } }));
    // Answer only after the prompt came back: proves stdout is live and stdin is interactive.
    if (m.type === 'stdout' && m.data?.includes('Name?')) ws.send(JSON.stringify({ type: 'stdin', data: 'Ada\n' }));
  });
  const types = got.map((m) => m.type);
  assert.equal(types[0], 'started');
  assert.equal(types.at(-1), 'result');
  const out = got
    .filter((m) => m.type === 'stdout')
    .map((m) => m.data)
    .join('');
  assert.equal(out, 'Name? Hello, Ada!\n');
  const result = got.at(-1)!.run!;
  assert.equal(result.state, 'done');
  assert.equal(result.result.status, 'OK');
});

test('eof closes stdin; the wall-time limit holds on a program that waits forever', async () => {
  const eof = await session((m, ws) => {
    if (m.type === 'open') {
      ws.send(JSON.stringify({ type: 'start', run: { language: 'python3', source: 'import sys\nprint(len(sys.stdin.read()))' } }));
      ws.send(JSON.stringify({ type: 'stdin', data: 'abc' }));
      ws.send(JSON.stringify({ type: 'eof' }));
    }
  });
  assert.equal(eof.at(-1)!.run!.result.stdout, '3\n');
  const started = Date.now();
  const idle = await session((m, ws) => {
    if (m.type === 'open') ws.send(JSON.stringify({ type: 'start', run: { language: 'python3', source: 'input()', limits: { wallTime: 1 } } }));
  });
  assert.equal(idle.at(-1)!.run!.result.status, 'TLE');
  assert.ok(Date.now() - started < 5000);
});

test('the output cap holds on the stream path', async () => {
  const got = await session((m, ws) => {
    if (m.type === 'open')
      ws.send(JSON.stringify({ type: 'start', run: { language: 'python3', source: 'while True: print("x" * 1000)', limits: { output: 100000 } } }));
  });
  const streamed = got.filter((m) => m.type === 'stdout').reduce((n, m) => n + m.data!.length, 0);
  assert.equal(got.at(-1)!.run!.result.status, 'OLE');
  assert.ok(streamed <= 100000, `${streamed} bytes streamed`);
});

test('errors: a bad first message, a bad run, stdin over the cap', async () => {
  const notStart = await session((m, ws) => m.type === 'open' && ws.send(JSON.stringify({ type: 'stdin', data: 'x' })));
  assert.equal(notStart.at(-1)!.error!.code, 'AIRLOCK_ERR_BAD_REQUEST');
  const badJson = await session((m, ws) => m.type === 'open' && ws.send('{'));
  assert.equal(badJson.at(-1)!.error!.code, 'AIRLOCK_ERR_MALFORMED_JSON');
  const unknown = await session((m, ws) => m.type === 'open' && ws.send(JSON.stringify({ type: 'start', run: { language: 'brainfog', source: 'x' } })));
  assert.equal(unknown.at(-1)!.error!.code, 'AIRLOCK_ERR_UNKNOWN_LANGUAGE');
  const big = await session((m, ws) => {
    if (m.type !== 'open') return;
    ws.send(JSON.stringify({ type: 'start', run: { language: 'python3', source: 'input()' } }));
    ws.send(JSON.stringify({ type: 'stdin', data: 'x'.repeat(t.config.runs.maxStdinBytes + 1) }));
  });
  assert.equal(big.at(-1)!.error!.code, 'AIRLOCK_ERR_STDIN_TOO_LARGE');
});

test('a client that leaves has its run cancelled', async () => {
  let id = '';
  await session((m, ws) => {
    if (m.type === 'open')
      ws.send(JSON.stringify({ type: 'start', run: { language: 'python3', source: 'import time; time.sleep(30)', limits: { wallTime: 40 } } }));
    if (m.type === 'started') {
      id = m.id!;
      setTimeout(() => ws.close(), 200);
    }
  });
  const end = await t.parts.service.wait(id, 5000);
  assert.equal(end.state, 'cancelled');
});
