// The slot pool hands out each slot to one holder at a time, in arrival order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlotPool } from '../../src/sandbox/slots.js';

test('slots are exclusive and waiters are served in order', async () => {
  const pool = new SlotPool(2, 10);
  const a = await pool.acquire();
  const b = await pool.acquire();
  assert.deepEqual([a, b].sort(), [10, 11]);
  const order: number[] = [];
  const w1 = pool.acquire().then((s) => order.push(1) && s);
  const w2 = pool.acquire().then((s) => order.push(2) && s);
  assert.equal(pool.waiting, 2);
  pool.release(a);
  pool.release(b);
  await Promise.all([w1, w2]);
  assert.deepEqual(order, [1, 2]);
  assert.equal(pool.busy, 2);
});

test('an aborted wait leaves the queue and rejects', async () => {
  const pool = new SlotPool(1);
  await pool.acquire();
  const ac = new AbortController();
  const waiting = pool.acquire(ac.signal);
  ac.abort();
  await assert.rejects(waiting, { code: 'AIRLOCK_ERR_CANCELLED' });
  assert.equal(pool.waiting, 0);
});

test('with() releases the slot when the work throws', async () => {
  const pool = new SlotPool(1);
  await assert.rejects(pool.with(async () => { throw new Error('boom'); }), /boom/);
  assert.equal(pool.busy, 0);
});

test('a pool needs at least one slot', () => {
  assert.throws(() => new SlotPool(0), RangeError);
});
