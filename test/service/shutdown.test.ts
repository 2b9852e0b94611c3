// Graceful shutdown: running boxes past the deadline are killed and their runs re-queued; the next start finishes them.
// And one request id follows a run through the logs: accepted, started, finished.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { assembleNode as assemble } from '../../src/compose.js';
import { testConfig } from '../helpers/service.js';

const principal = { keyId: null, group: 'anonymous', policy: {} };

test('a run still in its box at the shutdown deadline is re-queued, and finished after the restart', async () => {
  const config = testConfig(320);
  const first = await assemble(config, pino({ level: 'silent' }));
  const [run] = await first.service.submit([{ language: 'python3', source: 'import time\ntime.sleep(1.5)\nprint("late")' }], principal, {
    mode: 'async',
    requestId: 'r1',
  });
  for (let i = 0; i < 200 && (await first.store.getRun(run!.id))?.state !== 'running'; i++) await new Promise((r) => setTimeout(r, 10));
  const t0 = Date.now();
  await first.service.shutdown(200);
  assert.ok(Date.now() - t0 < 3000, 'the deadline holds');
  const stopped = await first.store.getRun(run!.id);
  assert.equal(stopped?.state, 'queued');
  assert.equal(stopped?.attempts, 1);
  await first.close();

  const second = await assemble(config, pino({ level: 'silent' }));
  try {
    const done = await second.service.wait(run!.id, 15_000);
    assert.equal(done.state, 'done');
    assert.equal(done.result?.stdout, 'late\n');
    assert.equal(done.attempts, 2);
  } finally {
    await second.close();
  }
});

test('a run that finishes within the deadline is simply finished', async () => {
  const parts = await assemble(testConfig(320), pino({ level: 'silent' }));
  const [run] = await parts.service.submit([{ language: 'python3', source: 'import time\ntime.sleep(0.3)\nprint(1)' }], principal, {
    mode: 'async',
    requestId: 'r2',
  });
  for (let i = 0; i < 200 && (await parts.store.getRun(run!.id))?.state !== 'running'; i++) await new Promise((r) => setTimeout(r, 10));
  await parts.close();
  // close() shuts down with server.shutdownTimeout (10 s): enough for the run.
  const { openSqliteStore } = await import('../../src/store/sqlite.js');
  const store = openSqliteStore(`${parts.config.dataDir}/airlock.db`);
  assert.equal((await store.getRun(run!.id))?.state, 'done');
  await store.close();
});

test('the request id follows the run through queue and sandbox in the logs', async () => {
  const lines: { reqId?: string; runId?: string; msg: string }[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  const parts = await assemble(testConfig(320), pino({ level: 'info' }, sink));
  try {
    const [run] = await parts.service.submit([{ language: 'python3', source: 'print(1)' }], principal, { mode: 'async', requestId: 'trace-42' });
    await parts.service.wait(run!.id, 10_000);
    const mine = lines.filter((l) => l.reqId === 'trace-42' && l.runId === run!.id).map((l) => l.msg);
    assert.deepEqual(mine, ['run accepted', 'run started', 'run finished', 'run recorded']);
  } finally {
    await parts.close();
  }
});
