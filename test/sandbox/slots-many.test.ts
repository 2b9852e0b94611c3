// SlotPool.withMany: several slots held together, without two takers each holding a part and waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlotPool } from '../../src/sandbox/slots.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

test('pairs and singles share a small pool without deadlock, never over its size', async () => {
  const pool = new SlotPool(3);
  let inUse = 0;
  let peak = 0;
  const hold = async (n: number) => {
    inUse += n;
    peak = Math.max(peak, inUse);
    await tick();
    inUse -= n;
  };
  const jobs = Array.from({ length: 20 }, (_, i) =>
    i % 3 === 0
      ? pool.with(() => hold(1))
      : pool.withMany(2, async (slots) => {
          assert.equal(new Set(slots).size, 2);
          await hold(2);
        }),
  );
  await Promise.all(jobs);
  assert.ok(peak <= 3, `peak ${peak}`);
  assert.equal(pool.busy, 0);
});

test('asking for more slots than the pool has is an error, not a wait', async () => {
  await assert.rejects(new SlotPool(1).withMany(2, async () => {}), { code: 'AIRLOCK_ERR_NO_SLOT' });
});
