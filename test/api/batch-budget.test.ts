// What one batch request can make the service hold: a wait=true batch's output caps share runs.batchOutputBudget
// (asked-for caps above it are refused at submit time, default caps are lowered to fit), and lists of results are
// written one item at a time, so no answer is ever one string longer than V8 allows (about 512 MiB).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { py, testApp } from '../helpers/service.js';

const MB = 1024 * 1024;
/** The batch: 32 runs, each printing just under the 16 MiB output ceiling (512 MiB together). */
const nearCap = py(`import sys\nsys.stdout.write("x" * (${16 * MB} - 100))`);

/** A real HTTP request whose answer is counted as it streams in, never held whole (as a client of a big answer would). */
async function counted(url: string, init: RequestInit = {}, keep = false) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  let bytes = 0;
  let head = '';
  let tail = '';
  const kept: Uint8Array[] = [];
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (keep) kept.push(chunk);
    if (head.length < 64) head += Buffer.from(chunk.subarray(0, 64)).toString();
    tail = (tail + Buffer.from(chunk.subarray(-64)).toString()).slice(-64);
  }
  return { status: res.status, bytes, head, tail, body: () => Buffer.concat(kept).toString() };
}

/** Peak RSS of this process (the service runs in it) while `fn` runs. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number; base: number }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    return { value: await fn(), peak, base };
  } finally {
    clearInterval(timer);
  }
}

describe('the default budget (64 MiB)', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let url: string;
  before(async () => {
    t = await testApp(12, { slots: 2 });
    url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await t.close();
    rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  test('32 runs asking for the 16 MiB cap each: 413 AIRLOCK_ERR_BATCH_TOO_LARGE at submit time, no box started', async () => {
    const runs = Array.from({ length: 32 }, () => ({ ...nearCap, limits: { output: 16 * MB } }));
    const res = await t.app.inject({ method: 'POST', url: '/v1/runs/batch', payload: { runs } });
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().error.code, 'AIRLOCK_ERR_BATCH_TOO_LARGE');
    assert.match(res.json().error.message, /runs\.batchOutputBudget 67108864/);
    assert.equal(await t.parts.store.countRuns(null, 0), 0, 'nothing was accepted');
    // The same batch with wait=false answers ids only: each result is read alone, so it is not bounded together.
    const later = await t.app.inject({ method: 'POST', url: '/v1/runs/batch?wait=false', payload: { runs: runs.slice(0, 2) } });
    assert.equal(later.statusCode, 202, later.body);
  });

  test('32 runs printing just under 16 MiB on the default cap: 200, each cap lowered to its share (2 MiB), bounded memory', async () => {
    const runs = Array.from({ length: 32 }, () => nearCap);
    const { value: res, peak, base } = await peakRss(() => counted(`${url}/v1/runs/batch`, { method: 'POST', body: JSON.stringify({ runs }) }, true));
    assert.equal(res.status, 200, res.head);
    assert.ok(res.head.startsWith('{"runs":[{'), res.head);
    assert.ok(res.tail.endsWith('}]}'), res.tail);
    assert.ok(res.bytes > 32 * (2 * MB - 4096) && res.bytes < 64 * MB + MB, `answer of ${res.bytes} bytes`);
    assert.ok(peak - base < 600 * MB, `RSS grew by ${Math.round((peak - base) / MB)} MiB (the issue saw 1,266)`);
    // Each run ended at its share of the budget: OLE after 2 MiB, as a run alone with limits.output 2 MiB would.
    const done = JSON.parse(res.body()).runs as { state: string; result: { status: string; stdout: string } }[];
    assert.equal(done.length, 32);
    for (const r of done) {
      assert.equal(r.result.status, 'OLE');
      assert.ok(r.result.stdout.length <= 2 * MB, `${r.result.stdout.length}`);
    }
  });

  test('small runs are untouched: a batch within the budget keeps every default cap', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/runs/batch', payload: { runs: [py('print(1)'), py(`print("y" * ${3 * MB})`)] } });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const [a, b] = res.json().runs;
    assert.equal(a.result.stdout, '1\n');
    assert.equal(b.result.status, 'OK', 'two default caps (32 MiB) fit in 64 MiB: nothing lowered');
    assert.equal(b.result.stdout.length, 3 * MB + 1);
  });

  test('asked-for caps are kept and the rest share what is left, smallest need first', async () => {
    const runs = [
      ...Array.from({ length: 3 }, () => ({ ...py(`print("a" * ${15 * MB})`), limits: { output: 16 * MB } })),
      py(`import sys\nsys.stdout.write("b" * ${5 * MB})`),
      { ...py('print(2)'), limits: { output: 1024 } },
    ];
    const res = await t.app.inject({ method: 'POST', url: '/v1/runs/batch', payload: { runs } });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const out = res.json().runs.map((r: { result: { status: string; stdout: string } }) => [r.result.status, r.result.stdout.length]);
    assert.deepEqual(out.slice(0, 3), Array(3).fill(['OK', 15 * MB + 1]), 'the caps asked for are kept');
    // 64 MiB - 3 x 16 MiB - 1 KiB asked = 16 MiB - 1 KiB left for the one default cap: lowered to it, not below.
    assert.deepEqual(out[3], ['OK', 5 * MB]);
    assert.deepEqual(out[4], ['OK', 2]);
  });
});

describe('answers larger than one V8 string', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let url: string;
  before(async () => {
    // A budget raised by the operator: the answer must still stream rather than fail.
    t = await testApp(14, { slots: 2, 'runs.batchOutputBudget': 200 * MB });
    url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await t.close();
    rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  // NUL bytes are valid UTF-8 and JSON writes each as \u0000: 12 MiB of them is a 72 MiB string in the answer.
  const nuls = (n: number) => py(`import sys\nsys.stdout.write("\\0" * ${n})`);

  test('/v1/runs/batch: 8 runs of 12 MiB of NULs (576 MiB of JSON) answer 200, streamed', async () => {
    const res = await counted(`${url}/v1/runs/batch`, { method: 'POST', body: JSON.stringify({ runs: Array.from({ length: 8 }, () => nuls(12 * MB)) }) });
    assert.equal(res.status, 200, res.head);
    assert.ok(res.bytes > 8 * 12 * MB * 6, `answer of ${res.bytes} bytes`);
    assert.ok(res.tail.endsWith('}]}'), res.tail);
  });

  test('Judge0 GET /submissions/batch: 10 submissions of 9.5 MiB of NULs (570 MiB of JSON) answer 200, streamed', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/submissions?wait=true',
        payload: { language_id: 71, max_file_size: 10240, source_code: `import sys\nsys.stdout.write("\\0" * ${Math.floor(9.5 * MB)})` },
      });
      assert.equal(r.statusCode, 201, r.body.slice(0, 200));
      tokens.push(r.json().token);
    }
    const res = await counted(`${url}/submissions/batch?tokens=${tokens.join(',')}&fields=stdout,status_id`);
    assert.equal(res.status, 200, res.head);
    assert.ok(res.head.startsWith('{"submissions":[{'), res.head);
    assert.ok(res.bytes > 10 * 9.5 * MB * 6, `answer of ${res.bytes} bytes`);
  });
});
