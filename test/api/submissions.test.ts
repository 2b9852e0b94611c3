// Every sample solution in examples/problems, submitted through the API to its problem uploaded as a .tar.gz
// and as a .zip, gets the verdict its file name promises (as test/judge/samples.test.ts does through the library).
// The event stream (a real socket) follows a judgement live, replays it to a late client, resumes after
// Last-Event-ID, and ends with "done" when a submission is cancelled.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isInstalled, languageForFile } from '../../src/languages/registry.js';
import { tarGzOf, zipOf } from '../helpers/archives.js';
import { repoRoot } from '../helpers/box.js';
import { testApp } from '../helpers/service.js';
import { readEvents } from '../helpers/sse.js';
import { assertPromise, promise } from '../helpers/verdicts.js';

type T = Awaited<ReturnType<typeof testApp>>;
let t: T;
let url: string;
before(async () => {
  t = await testApp(454, { slots: 4 });
  url = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
after(() => t.close());

const root = join(repoRoot, 'examples/problems');
const problems = readdirSync(root).sort();

async function upload(archive: Buffer, type: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/v1/problems', payload: archive, headers: { 'content-type': type } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

async function submit(problem: string, file: string, content: Buffer): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/problems/${problem}/submissions`,
    payload: { files: [{ name: file, content: content.toString('base64'), encoding: 'base64' }] },
  });
  assert.equal(res.statusCode, 202, res.body);
  return res.json().id;
}

/** Poll until the submission has ended. */
async function finished(id: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await t.app.inject({ url: `/v1/submissions/${id}` })).json();
    if (view.state !== 'queued' && view.state !== 'running') return view;
    if (Date.now() > deadline) throw new Error(`submission ${id} still ${view.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const name of problems) {
  describe(`examples/problems/${name} through the API`, () => {
    const ids = new Map<string, string>();
    before(async () => {
      const dir = join(root, name);
      const uploads = [await upload(tarGzOf(dir), 'application/gzip'), await upload(zipOf(dir), 'application/zip')];
      // Everything is submitted at once: the queue spreads the judgements over the slots.
      const files = readdirSync(join(dir, 'solutions'))
        .sort()
        .filter((f) => isInstalled(languageForFile(f)));
      for (const [i, file] of files.entries()) ids.set(file, await submit(uploads[i % 2]!, file, readFileSync(join(dir, 'solutions', file))));
    });

    for (const file of readdirSync(join(root, name, 'solutions')).sort()) {
      const expected = promise(file);
      const lang = languageForFile(file);
      test(`${file} gets ${expected}`, { skip: !isInstalled(lang) && `${lang.id} is not installed` }, async () => {
        const v = await finished(ids.get(file)!);
        const why = `${v.state} ${v.verdict} ${v.score}/${v.maxScore}: ${v.reason ?? v.error}`;
        assert.equal(v.state, 'done', why);
        assertPromise(expected, v, why);
        if (expected !== 'CE') assert.ok(v.tests.length > 0 && v.groups.length > 0, why);
        assert.equal(v.language, lang.id);
      });
    }
  });
}

describe('the event stream', () => {
  let problem: string;
  before(async () => {
    problem = await upload(tarGzOf(join(root, 'inversions')), 'application/gzip');
  });
  // Each test sleeps first: the judgement must still be running when the first test event is checked, however fast
  // the boxes are. Against a cluster the stream is not woken by a worker's events but reads the store every second
  // (submission-events.ts), so the judgement must outlast that: 9 tests x 0.5 s on 2 slots is about 2.5 s (with 0.2 s
  // it took about 1 s on a fast machine, and the first read after the first test sometimes came after the end).
  const source = () => Buffer.concat([Buffer.from('import time\ntime.sleep(0.5)\n'), readFileSync(join(root, 'inversions/solutions/ac.py'))]);

  test('follows a judgement live, then a late client gets the same events replayed; done is last', async () => {
    const id = await submit(problem, 'ac.py', source());
    let runningSeen = false;
    const live = await readEvents(`${url}/v1/submissions/${id}/events`, {
      onEvent: async (e) => {
        // The first test arrives while the judgement still runs: events are followed as they are stored.
        if (e.event === 'test' && !runningSeen) runningSeen = (await t.app.inject({ url: `/v1/submissions/${id}` })).json().state === 'running';
      },
    });
    assert.equal(live.status, 200);
    assert.equal(live.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.ok(runningSeen, 'a test event came while the submission was running');
    const types = live.events.map((e) => e.event);
    assert.equal(types.at(-1), 'done');
    assert.equal(types.filter((x) => x === 'done').length, 1);
    const tests = live.events.filter((e) => e.event === 'test');
    const final = live.events.at(-1)!.data;
    assert.deepEqual([final.state, final.verdict, final.score], ['done', 'AC', 100]);
    assert.equal(tests.length, final.tests.length);
    assert.ok(types.indexOf('group') > types.lastIndexOf('test'), 'groups after the tests');
    for (const e of tests)
      for (const k of ['name', 'group', 'verdict', 'score', 'cpuTime', 'wallTime', 'memory', 'message', 'stdout', 'stderr']) assert.ok(k in e.data, k);
    assert.deepEqual(
      live.events.map((e) => e.id),
      live.events.map((_, i) => `1-${i + 1}`),
    );

    const late = await readEvents(`${url}/v1/submissions/${id}/events`);
    assert.deepEqual(
      late.events.map(({ id: i, event, data }) => ({ i, event, data })),
      live.events.map(({ id: i, event, data }) => ({ i, event, data })),
    );

    // A client that reconnects with Last-Event-ID gets only what it missed.
    const resumed = await readEvents(`${url}/v1/submissions/${id}/events`, { headers: { 'last-event-id': live.events[2]!.id } });
    assert.deepEqual(
      resumed.events.map((e) => e.id),
      live.events.slice(3).map((e) => e.id),
    );
  });

  test('cancelling a running submission kills its boxes; the stream ends with done', async () => {
    const slow = Buffer.from('import time\ntime.sleep(30)\n');
    const id = await submit(problem, 'slow.py', slow);
    const stream = readEvents(`${url}/v1/submissions/${id}/events`);
    for (let i = 0; i < 100 && (await t.app.inject({ url: `/v1/submissions/${id}` })).json().state !== 'running'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/submissions/${id}` });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, 'cancelled');
    assert.ok(Date.now() - started < 3000, `cancelled in ${Date.now() - started} ms`);
    const { events } = await stream;
    assert.equal(events.at(-1)!.event, 'done');
    assert.equal(events.at(-1)!.data.state, 'cancelled');
    assert.equal(t.parts.engine.config.slots.busy, 0, 'every box is gone');
  });

  test("someone else's or an unknown submission: 404 as JSON, not a stream", async () => {
    const r = await readEvents(`${url}/v1/submissions/nope/events`);
    assert.equal(r.status, 404);
  });
});
