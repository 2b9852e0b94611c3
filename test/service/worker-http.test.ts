// A worker's status port has the deadlines of server.* from the config (it hard-coded 10 s and 30 s before, checked
// only every 30 s): a client that trickles its headers is cut off by server.headersTimeout.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { startWorker, type RunningWorker } from '../../src/worker.js';
import { clusterSettings } from '../helpers/cluster.js';
import { testConfig } from '../helpers/service.js';

let cluster: Awaited<ReturnType<typeof clusterSettings>>;
let worker: RunningWorker;
before(async () => {
  cluster = await clusterSettings();
  worker = await startWorker(testConfig(474, { ...cluster.flags, 'server.headersTimeout': 1, 'server.requestTimeout': 2 }), pino({ level: 'silent' }));
});
after(async () => {
  await worker.close();
  await cluster.cleanup();
});

test('the worker answers /v1/health', async () => {
  const res = await fetch(`${worker.url}/v1/health`);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).role, 'worker');
});

test('headers trickled byte by byte are cut off after server.headersTimeout, not held open', async () => {
  const { port } = new URL(worker.url);
  const sock = connect(Number(port), '127.0.0.1');
  const started = Date.now();
  await new Promise<void>((r) => sock.once('connect', () => r()));
  sock.write('GET /v1/health HTTP/1.1\r\nHost: x\r\n');
  const trickle = setInterval(() => sock.writable && sock.write('X-Slow: a\r\n'), 200);
  const closedAfter = await new Promise<number>((resolve) => {
    sock.on('error', () => {});
    sock.on('close', () => resolve(Date.now() - started));
    setTimeout(() => resolve(Infinity), 8000);
  });
  clearInterval(trickle);
  sock.destroy();
  assert.ok(closedAfter <= 4000, `the socket stayed open ${closedAfter} ms`);
});
