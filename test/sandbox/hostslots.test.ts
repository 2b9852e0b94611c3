// HostSlotPool: a slot another launcher holds is swapped for a fresh one, and the pool keeps its size.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AirlockError } from '../../src/errors.js';
import { HostSlotPool } from '../../src/sandbox/hostslots.js';

test('a busy slot is retired and the work retried on a slot the pool has not used', async () => {
  const pool = new HostSlotPool(2);
  const busy = new Set<number>();
  const seen: number[] = [];
  const work = (slot: number) => {
    seen.push(slot);
    if (seen.length <= 2) {
      busy.add(slot);
      return Promise.reject(new AirlockError('AIRLOCK_ERR_NO_SLOT', `slot ${slot} is held`));
    }
    return Promise.resolve(slot);
  };
  const got = await pool.with(work);
  assert.equal(seen.length, 3);
  assert.ok(!busy.has(got), 'ran on a slot that was not busy');
  assert.equal(new Set(seen).size, 3, 'never the same slot twice');
  for (const s of seen) assert.ok(s >= 1000 && s < 1064, `${s} is a one-shot slot`);
  assert.equal(pool.busy, 0);
  const both = await Promise.all([pool.with(async (s) => s), pool.with(async (s) => s)]);
  assert.notEqual(both[0], both[1]);
  assert.ok(both.every((s) => !busy.has(s)));
});

test('other errors are not retried', async () => {
  const pool = new HostSlotPool(1);
  let calls = 0;
  await assert.rejects(pool.with(async () => {
    calls++;
    throw new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', 'x');
  }), { code: 'AIRLOCK_ERR_SANDBOX_FAILED' });
  assert.equal(calls, 1);
});
