// Fairness across API keys on a shared Redis queue: BullMQ priorities as turns. A group's k-th waiting job gets
// priority k, so one key's thousand jobs do not hold back another key's first (which gets priority 1).
import type { Redis } from 'ioredis';
import { keys } from './redis.js';

/** BullMQ's largest priority (it refuses 2^21). */
const MAX_PRIORITY = 2 ** 21 - 1;

/** One priority per job, counting each group's jobs that wait now. */
export async function fairPriorities(redis: Redis, queue: string, groups: string[]): Promise<number[]> {
  const m = redis.multi();
  for (const g of groups) m.hincrby(keys(queue).fair, g, 1);
  const res = (await m.exec()) ?? [];
  return res.map(([err, n]) => (err ? 1 : Math.min(MAX_PRIORITY, Math.max(1, Number(n)))));
}

/** A job of the group started or left the line. Never below zero (a crash between the two can leave it low). */
export async function fairDone(redis: Redis, queue: string, group: string): Promise<void> {
  const n = await redis.hincrby(keys(queue).fair, group, -1).catch(() => 0);
  if (n < 0) await redis.hset(keys(queue).fair, group, 0).catch(() => {});
}
