// The scale-out queue on the machine's Redis: fair across groups, bounded, cancellable, jobs added twice run once,
// workers advertised, and a drained worker puts its job back in line.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { isAirlockError } from '../../src/errors.js';
import { BullQueue } from '../../src/queue/bullmq.js';
import type { Job } from '../../src/queue/types.js';
import { dropQueue, redisUrl } from '../helpers/cluster.js';

const names: string[] = [];
after(async () => {
  for (const n of names) await dropQueue(n);
});

/** A queue of its own name; `concurrency` is used once started. */
function queue(opts: { maxLength?: number; concurrency?: number; name?: string } = {}): BullQueue {
  const name = opts.name ?? `t-${randomBytes(4).toString('hex')}`;
  names.push(name);
  return new BullQueue({
    url: redisUrl,
    name,
    maxLength: opts.maxLength ?? 100,
    concurrency: opts.concurrency ?? 1,
    lockSeconds: 5,
    maxAttempts: 2,
    languages: ['python3'],
    log: pino({ level: 'silent' }),
  });
}
const job = (id: string, group: string): Job => ({ id, group, requestId: 'r' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('BullQueue', () => {
  test("one key's long line does not hold back another key's first job", async () => {
    const q = queue();
    await q.ready();
    await q.add(['a1', 'a2', 'a3', 'a4'].map((id) => job(id, 'key:a')));
    await q.add([job('b1', 'key:b')]);
    await q.add([job('c1', 'key:c')]);
    const order: string[] = [];
    const done = new Promise<void>((resolve) =>
      q.start(async (j) => {
        order.push(j.id);
        if (order.length === 6) resolve();
      }),
    );
    await done;
    await q.close(1000);
    // a1, b1 and c1 each have their group's first turn; a's later jobs wait for theirs.
    assert.deepEqual(order.slice(0, 3).sort(), ['a1', 'b1', 'c1']);
    assert.deepEqual(order.slice(3), ['a2', 'a3', 'a4']);
  });

  test('bounded: past maxLength, QUEUE_FULL with a Retry-After; a forced add (recovery) is never refused', async () => {
    const q = queue({ maxLength: 2 });
    await q.ready();
    await q.add([job('x1', 'g'), job('x2', 'g')]);
    await assert.rejects(q.add([job('x3', 'g')]), (e) => isAirlockError(e, 'AIRLOCK_ERR_QUEUE_FULL') && Number(e.retryAfter) >= 1);
    await q.add([job('x3', 'g')], { force: true });
    assert.equal((await q.stats()).waiting, 3);
    await q.close(100);
  });

  test('a job added twice by id (two API nodes recovering) runs once', async () => {
    const q = queue();
    await q.ready();
    await q.add([job('same', 'g')]);
    await q.add([job('same', 'g')], { force: true });
    const seen: string[] = [];
    q.start(async (j) => void seen.push(j.id));
    await sleep(1500);
    await q.close(100);
    assert.deepEqual(seen, ['same']);
  });

  test('cancel: a waiting job is removed; a running one is aborted on the worker that holds it', async () => {
    const api = queue();
    await api.ready();
    await api.add([job('run1', 'g'), job('wait1', 'g')]);
    assert.equal(await api.cancel('wait1'), 'waiting');
    assert.equal(await api.cancel('nope'), 'unknown');
    const worker = queue({ name: names.at(-1)! });
    let reason: unknown;
    const started = new Promise<void>((resolve) =>
      worker.start(
        (_j, signal) =>
          new Promise<void>((res) => {
            resolve();
            signal.addEventListener('abort', () => ((reason = signal.reason), res()));
          }),
      ),
    );
    await started;
    assert.equal(await api.cancel('run1'), 'running');
    assert.ok(isAirlockError(reason, 'AIRLOCK_ERR_CANCELLED'), String(reason));
    await worker.close(100);
    await api.close(100);
  });

  test('workers advertise their slots and languages; a drained worker puts a running job back for the next', async () => {
    const a = queue({ concurrency: 3 });
    await a.ready();
    await a.add([job('long', 'g')]);
    let stops = 0;
    const running = new Promise<void>((resolve) =>
      a.start(
        (_j, signal) =>
          new Promise<void>((res) => {
            resolve();
            signal.addEventListener('abort', () => ((stops += 1), res()));
          }),
      ),
    );
    await running;
    const seen = await a.workers();
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.slots, 3);
    assert.deepEqual(seen[0]!.languages, ['python3']);
    assert.deepEqual(await a.close(200), ['long'], 'the deadline passed: the box was stopped');
    assert.equal(stops, 1);
    const b = queue({ name: names.at(-1)! });
    await b.ready();
    const again = new Promise<string>((resolve) => b.start(async (j) => resolve(j.id)));
    assert.equal(await again, 'long', 'the next worker runs it');
    assert.equal((await b.workers()).length, 1, "the drained worker's advert is gone");
    await b.close(100);
  });

  test('a job whose workers keep dying is started maxAttempts times, then fails with the reason', async () => {
    const api = queue();
    await api.ready();
    const ended = new Promise<string | undefined>((resolve) => api.onEnded((id, reason) => id === 'doomed' && resolve(reason)));
    await api.add([job('doomed', 'g')]);
    // maxAttempts 2 in the fixture: each worker takes the job, and is killed holding it.
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, [fileURLToPath(new URL('fixtures/hold-worker.js', import.meta.url)), names.at(-1)!], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('holding doomed') && resolve()));
      child.kill('SIGKILL');
    }
    // No third worker: the stalled check of the API side's queue would not run, so one more (idle) worker watches.
    const watcher = queue({ name: names.at(-1)! });
    watcher.start(async () => assert.fail('a job that failed must not run again'));
    const reason = await ended;
    assert.match(String(reason), /stalled/);
    await watcher.close(100);
    await api.close(100);
  });
});
