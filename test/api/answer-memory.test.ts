// The big-answer budget (server.answerMemory): answers holding big outputs take turns; nothing waits for ever.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { py, testApp } from '../helpers/service.js';
import { until } from '../helpers/until.js';

const MB = 1024 * 1024;
let t: Awaited<ReturnType<typeof testApp>>;
let base: string;
let id: string;

before(async () => {
  // The smallest budget (1 MiB): one answer with 15 MiB of output fills it, and more than the kernel's socket buffers
  // take, so the answer of a client that reads nothing stays in the service (its share stays held).
  t = await testApp(395, { 'server.answerMemory': MB });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const res = await t.app.inject({ method: 'POST', url: '/v1/runs', payload: py(`import sys\nsys.stdout.write('y' * ${15 * MB})`) });
  assert.equal(res.json().result.stdout.length, 15 * MB);
  id = res.json().id;
});
after(() => t.close());

/** A GET whose client reads nothing until `resume()`: its answer stays unwritten. */
function stalledGet(path: string) {
  let resume!: () => void;
  const body = new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    const req = request(`${base}${path}`, (res) => {
      res.pause();
      let bytes = 0;
      resume = () => {
        res.on('data', (d: Buffer) => (bytes += d.length));
        res.on('end', () => resolve({ status: res.statusCode!, bytes }));
        res.resume();
      };
    });
    req.on('error', reject);
    req.end();
  });
  return { body, resume: () => until(() => resume, Boolean, 10_000, 'the answer to start').then((r) => r()) };
}

test('big answers take turns in the budget and all arrive once the first client reads', async () => {
  const answers = t.parts.service.answers;
  const first = stalledGet(`/v1/runs/${id}`);
  await until(
    () => answers.inUse,
    (n) => n === MB,
    10_000,
    'the first answer to hold the budget',
  );
  // Two more clients ask for the same big result: they wait for room instead of making their copies now.
  const rest = [fetch(`${base}/v1/runs/${id}`).then((r) => r.text()), fetch(`${base}/v1/runs/${id}`).then((r) => r.text())];
  await until(
    () => answers.waitingCount,
    (n) => n === 2,
    10_000,
    'two answers waiting',
  );
  assert.equal(answers.inUse, MB, 'the budget is never exceeded');
  // A small answer never waits.
  const small = await t.app.inject({ method: 'GET', url: '/v1/languages' });
  assert.equal(small.statusCode, 200);
  await first.resume();
  const got = await first.body;
  assert.equal(got.status, 200);
  assert.ok(got.bytes > 15 * MB);
  for (const text of await Promise.all(rest)) assert.equal(JSON.parse(text).result.stdout.length, 15 * MB);
  await until(
    () => answers.inUse,
    (n) => n === 0,
    10_000,
    'the budget to be free again',
  );
});

test('a client that goes away gives its share back; a batch larger than the budget does not wait for itself', async () => {
  const answers = t.parts.service.answers;
  const req = request(`${base}/v1/runs/${id}`, (res) => res.pause());
  req.on('error', () => {}); // our own destroy() below
  req.end();
  await until(
    () => answers.inUse,
    (n) => n === MB,
    10_000,
    'the answer to hold the budget',
  );
  req.destroy();
  await until(
    () => answers.inUse,
    (n) => n === 0,
    10_000,
    'the share to come back',
  );
  const batch = await fetch(`${base}/v1/runs/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ runs: [1, 2].map(() => py(`import sys\nsys.stdout.write('z' * ${2 * MB})`)) }),
  });
  assert.equal(batch.status, 200);
  const runs = ((await batch.json()) as { runs: Array<{ result: { stdout: string } }> }).runs;
  assert.deepEqual(
    runs.map((r) => r.result.stdout.length),
    [2 * MB, 2 * MB],
  );
  await until(
    () => answers.inUse,
    (n) => n === 0,
    10_000,
    'the batch to give its share back',
  );
});

test('a batch waiting for its runs holds none of the budget: each result is read once, as it is written out', async () => {
  const answers = t.parts.service.answers;
  // The first run ends at once with 2 MiB of output; the second sleeps, so the batch waits with the first one done.
  const batch = fetch(`${base}/v1/runs/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ runs: [py(`import sys\nsys.stdout.write('w' * ${2 * MB})`), py('import time\ntime.sleep(3)\nprint("late")')] }),
  });
  let most = 0;
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    most = Math.max(most, answers.inUse);
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(most, 0, 'the first run, already done, was read and its share held while the batch waited for the second');
  const res = await batch;
  assert.equal(res.status, 200);
  const runs = ((await res.json()) as { runs: Array<{ result: { stdout: string } }> }).runs;
  assert.deepEqual(
    runs.map((r) => r.result.stdout.length),
    [2 * MB, 5],
  );
});
