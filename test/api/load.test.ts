// Load on loopback: 1,000 Python hello-world runs from 50 concurrent clients against a queue configured too short
// for them. Every run ends with the right output; the only other answer is 429 with Retry-After.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { call, serve } from '../helpers/process.js';

const RUNS = 1000;
const CLIENTS = 50;

test(`${RUNS} runs from ${CLIENTS} clients: every result correct, nothing but 429s under overload`, { timeout: 180_000 }, async () => {
  const s = await serve(mkdtempSync(join(tmpdir(), 'airlock-load-')), 316, ['queue.maxLength=20']);
  const statuses = new Map<string, number>();
  const wrong: string[] = [];
  let next = 0;
  const started = Date.now();
  try {
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = next++; i < RUNS; i = next++) {
          for (;;) {
            const r = await call(`${s.url}/v1/runs`, { body: { language: 'python3', source: `print("Hello", ${i})` } });
            const key = r.status === 429 ? `429 ${r.body.error.code} retry-after=${r.headers.get('retry-after') ? 'yes' : 'no'}` : String(r.status);
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            if (r.status === 429) {
              // The client backs off, less than Retry-After asks, to keep the pressure on.
              await new Promise((res) => setTimeout(res, 200 + Math.random() * 200));
              continue;
            }
            if (r.status !== 200 || r.body.result.stdout !== `Hello ${i}\n` || r.body.result.status !== 'OK')
              wrong.push(`${i}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
            break;
          }
        }
      }),
    );
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`# ${RUNS} runs in ${seconds.toFixed(1)} s (${(RUNS / seconds).toFixed(1)} runs/s); answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
  assert.deepEqual(wrong, []);
  assert.equal(statuses.get('200'), RUNS);
  const other = [...statuses.keys()].filter((k) => k !== '200' && k !== '429 AIRLOCK_ERR_QUEUE_FULL retry-after=yes');
  assert.deepEqual(other, [], 'only 200 and 429 QUEUE_FULL with Retry-After');
  assert.ok((statuses.get('429 AIRLOCK_ERR_QUEUE_FULL retry-after=yes') ?? 0) > 0, 'the overload was real');
});
