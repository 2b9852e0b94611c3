// Workers advertise themselves in Redis: what languages and how many slots each has, refreshed while it lives.
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { keys } from './redis.js';

/** What a live worker told the cluster about itself. */
export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  slots: number;
  languages: string[];
  startedAt: number;
}

/** A worker's key expires this long after its last refresh: a killed worker disappears from the list by itself. */
const TTL_SECONDS = 15;

/** Keep this worker's entry fresh until the returned function is called (which removes it). */
export function advertise(redis: Redis, queue: string, info: Omit<WorkerInfo, 'host' | 'pid' | 'startedAt'>): () => Promise<void> {
  const key = keys(queue).worker(info.id);
  const value = JSON.stringify({ ...info, host: hostname(), pid: process.pid, startedAt: Date.now() } satisfies WorkerInfo);
  const refresh = () => redis.set(key, value, 'EX', TTL_SECONDS).catch(() => {});
  void refresh();
  const timer = setInterval(() => void refresh(), (TTL_SECONDS * 1000) / 3).unref();
  return async () => {
    clearInterval(timer);
    await redis.del(key).catch(() => {});
  };
}

/** Every live worker (SCAN, not KEYS: never blocks Redis). */
export async function liveWorkers(redis: Redis, queue: string): Promise<WorkerInfo[]> {
  const found: WorkerInfo[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', keys(queue).workers, 'COUNT', 100);
    cursor = next;
    const values = batch.length ? await redis.mget(...batch) : [];
    for (const v of values) if (v) found.push(JSON.parse(v) as WorkerInfo);
  } while (cursor !== '0');
  return found.sort((a, b) => a.id.localeCompare(b.id));
}
