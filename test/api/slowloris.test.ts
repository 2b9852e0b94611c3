// Slowloris on a real socket: a client trickling headers (or a body) byte by byte is cut in time; others are served meanwhile.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { type Running, startServer } from '../../src/server.js';
import { testConfig } from '../helpers/service.js';

let s: Running;
let port: number;
before(async () => {
  s = await startServer(testConfig(310, { 'server.headersTimeout': 2, 'server.requestTimeout': 3, 'server.keepAliveTimeout': 1 }), pino({ level: 'silent' }));
  port = Number(new URL(s.url).port);
  await (await fetch(`${s.url}/v1/languages`)).arrayBuffer(); // warm: language versions are read once
});
after(() => s.close());

/** Send `head` at once, then `drip` one byte every 100 ms; resolve with the ms until the server closed the socket. */
function trickle(head: string, drip: string): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = connect(port, '127.0.0.1', () => sock.write(head));
    let i = 0;
    let answer = '';
    const timer = setInterval(() => !sock.destroyed && sock.write(drip[i++ % drip.length]!), 100);
    sock.on('data', (d: Buffer) => (answer += d.toString()));
    sock.on('error', () => {});
    sock.on('close', () => {
      clearInterval(timer);
      resolve({ ms: Date.now() - started, answer });
    });
  });
}

test('headers trickled byte by byte are cut within the headers timeout, normal clients keep being served', async () => {
  const served: number[] = [];
  let stop = false;
  const normal = (async () => {
    while (!stop) {
      const t0 = Date.now();
      const res = await fetch(`${s.url}/v1/languages`);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      served.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const slow = await Promise.all(
    Array.from({ length: 20 }, () => trickle('GET /v1/languages HTTP/1.1\r\nHost: x\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')),
  );
  stop = true;
  await normal;
  // Node checks the timeouts every second; a loaded shared machine adds its own delay on top.
  for (const { ms } of slow) assert.ok(ms >= 1500 && ms < 5000, `cut after ${ms} ms (headers timeout 2 s)`);
  assert.ok(served.length >= 10, `${served.length} normal requests served meanwhile`);
  assert.ok(Math.max(...served) < 1000, `slowest normal request ${Math.max(...served)} ms`);
});

test('a body trickled byte by byte is cut within the request timeout', async () => {
  const { ms } = await trickle('POST /v1/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n', '{');
  assert.ok(ms >= 2500 && ms < 6000, `cut after ${ms} ms (request timeout 3 s)`);
});

test('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
  const started = Date.now();
  const closedAfter = await new Promise<number>((resolve) => {
    const sock = connect(port, '127.0.0.1', () => sock.write('GET /v1/languages HTTP/1.1\r\nHost: x\r\n\r\n'));
    sock.on('data', () => {});
    sock.on('close', () => resolve(Date.now() - started));
  });
  assert.ok(closedAfter < 3000, `closed after ${closedAfter} ms (keep-alive 1 s)`);
});

test('the timeouts bound receiving a request, not waiting for a long run', async () => {
  const res = await fetch(`${s.url}/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'python3', source: 'import time; time.sleep(3.5); print("slept")', limits: { wallTime: 10 } }),
  });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { result: { stdout: string } }).result.stdout, 'slept\n');
});
