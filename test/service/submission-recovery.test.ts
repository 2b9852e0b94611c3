// kill -9 of the service with submissions accepted (some being judged): the restarted service judges every one,
// the problem's package is still there, and the event stream of each ends with the whole judgement.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { tarGzOf } from '../helpers/archives.js';
import { repoRoot } from '../helpers/box.js';
import { call, serve } from '../helpers/process.js';
import { readEvents } from '../helpers/sse.js';

test('accepted submissions survive kill -9 and a restart', { timeout: 180_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-subcrash-'));
  const inversions = join(repoRoot, 'examples/problems/inversions');
  const first = await serve(dataDir, 460);
  const ids: string[] = [];
  let problem: string;
  try {
    const up = await fetch(`${first.url}/v1/problems`, {
      method: 'POST',
      body: new Uint8Array(tarGzOf(inversions)),
      headers: { 'content-type': 'application/gzip' },
    });
    assert.equal(up.status, 201);
    problem = ((await up.json()) as { id: string }).id;
    const ac = readFileSync(join(inversions, 'solutions/ac.py'), 'utf8');
    const partial = readFileSync(join(inversions, 'solutions/partial-quadratic.c'), 'utf8');
    for (let i = 0; i < 8; i++) {
      const body = i % 2 ? { language: 'c', source: partial } : { files: [{ name: 'ac.py', content: ac }] };
      const r = await call(`${first.url}/v1/problems/${problem}/submissions`, { body });
      assert.equal(r.status, 202, JSON.stringify(r.body));
      ids.push(r.body.id);
    }
    // Let the first ones start: the kill lands mid-judgement for them, before the start for the rest.
    for (let i = 0; i < 100 && (await call(`${first.url}/v1/submissions/${ids[0]}`)).body.state !== 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    first.child.kill('SIGKILL');
  }
  await new Promise((r) => first.child.once('exit', r));
  const second = await serve(dataDir, 460);
  try {
    assert.match(second.log(), /recovered unfinished submissions/);
    assert.equal((await call(`${second.url}/v1/problems/${problem!}`)).status, 200, 'the problem and its package survived');
    for (const [i, id] of ids.entries()) {
      const { events } = await readEvents(`${second.url}/v1/submissions/${id}/events`);
      const done = events.at(-1)!;
      assert.equal(done.event, 'done');
      assert.equal(done.data.state, 'done', JSON.stringify(done.data));
      if (i % 2) assert.ok(done.data.score > 0 && done.data.score < done.data.maxScore, JSON.stringify(done.data));
      else assert.deepEqual([done.data.verdict, done.data.score], ['AC', 100]);
      // The events are one attempt's: no test is reported twice.
      const names = events.filter((e) => e.event === 'test').map((e) => e.data.name);
      assert.equal(new Set(names).size, names.length);
      assert.equal(names.length, done.data.tests.length);
    }
    const attempts = await Promise.all(ids.map(async (id) => (await call(`${second.url}/v1/submissions/${id}`)).body.attempts));
    assert.ok(
      attempts.some((a) => a === 2),
      `one was interrupted mid-judgement: ${attempts.join(',')}`,
    );
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }
});
