// The in-process queue: fair across groups, bounded, cancellable, and a graceful close with a deadline.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAirlockError } from '../../src/errors.js';
import { FairQueue } from '../../src/queue/fair.js';
import { InProcessQueue } from '../../src/queue/memory.js';
import type { Job } from '../../src/queue/types.js';

const job = (id: string, group: string): Job => ({ id, group, requestId: 'r' });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('FairQueue', () => {
  test('serves groups in turn, FIFO within each', () => {
    const q = new FairQueue<Job>();
    for (const [id, g] of [
      ['a1', 'a'],
      ['a2', 'a'],
      ['a3', 'a'],
      ['b1', 'b'],
      ['c1', 'c'],
      ['b2', 'b'],
    ])
      q.push(job(id!, g!));
    const order: string[] = [];
    for (let j = q.shift(); j; j = q.shift()) order.push(j.id);
    assert.deepEqual(order, ['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  test('remove takes a waiting item out and keeps the rest in order', () => {
    const q = new FairQueue<Job>();
    q.push(job('a1', 'a'));
    q.push(job('b1', 'b'));
    q.push(job('a2', 'a'));
    assert.equal(q.remove('b1'), true);
    assert.equal(q.remove('zz'), false);
    assert.equal(q.size, 2);
    assert.equal(q.shift()!.id, 'a1');
    assert.equal(q.shift()!.id, 'a2');
    assert.equal(q.shift(), undefined);
  });
});

describe('InProcessQueue', () => {
  test('runs at most `concurrency` jobs at once, in fair order', async () => {
    const q = new InProcessQueue({ concurrency: 2, maxLength: 100 });
    let now = 0;
    let peak = 0;
    const order: string[] = [];
    await q.add(['a1', 'a2', 'a3', 'a4'].map((id) => job(id, 'a')));
    await q.add([job('b1', 'b')]);
    const done = new Promise<void>((resolve) => {
      q.start(async (j) => {
        order.push(j.id);
        peak = Math.max(peak, ++now);
        await tick();
        now--;
        if (order.length === 5) setTimeout(resolve, 10);
      });
    });
    await done;
    assert.equal(peak, 2);
    assert.deepEqual(order, ['a1', 'b1', 'a2', 'a3', 'a4']);
  });

  test('refuses past maxLength with Retry-After, all or none; force bypasses it', async () => {
    const q = new InProcessQueue({ concurrency: 1, maxLength: 2 });
    await q.add([job('1', 'a'), job('2', 'a')]);
    await assert.rejects(q.add([job('3', 'a')]), (e) => isAirlockError(e, 'AIRLOCK_ERR_QUEUE_FULL') && e.retryAfter! >= 1);
    await assert.rejects(q.checkRoom(1), (e) => isAirlockError(e, 'AIRLOCK_ERR_QUEUE_FULL'));
    await q.add([job('3', 'a')], { force: true });
    assert.equal((await q.stats()).waiting, 3);
  });

  test('cancel removes a waiting job and aborts a running one', async () => {
    const q = new InProcessQueue({ concurrency: 1, maxLength: 10 });
    let reason: unknown;
    q.start(
      (j, signal) =>
        new Promise<void>((resolve) => {
          if (j.id !== 'long') return resolve();
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            resolve();
          });
        }),
    );
    await q.add([job('long', 'a'), job('next', 'a')]);
    await tick();
    assert.equal(await q.cancel('next'), 'waiting');
    assert.equal(await q.cancel('long'), 'running');
    assert.ok(isAirlockError(reason, 'AIRLOCK_ERR_CANCELLED'));
    assert.equal(await q.cancel('long'), 'unknown');
  });

  test('close waits for running jobs, then aborts the late ones with SHUTTING_DOWN', async () => {
    const q = new InProcessQueue({ concurrency: 2, maxLength: 10 });
    let reason: unknown;
    q.start(
      (j, signal) =>
        new Promise<void>((resolve) => {
          if (j.id === 'quick') return void setTimeout(resolve, 20);
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            resolve();
          });
        }),
    );
    await q.add([job('quick', 'a'), job('stuck', 'b')]);
    await tick();
    const aborted = await q.close(100);
    assert.deepEqual(aborted, ['stuck']);
    assert.ok(isAirlockError(reason, 'AIRLOCK_ERR_SHUTTING_DOWN'));
    await assert.rejects(q.add([job('x', 'a')]), (e) => isAirlockError(e, 'AIRLOCK_ERR_SHUTTING_DOWN'));
  });
});
