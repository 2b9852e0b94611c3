// Redis connections for the scale-out queue: one place decides their options.
import { Redis } from 'ioredis';

/**
 * A connection to the cluster's Redis. BullMQ's blocking commands need maxRetriesPerRequest null; a Redis restart
 * is ridden out by reconnecting (commands wait offline instead of failing), so no accepted job is refused by a blip.
 */
export function redisConnection(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true, connectionName: name, lazyConnect: false });
}

/** Keys airlock keeps beside BullMQ's own, under the same queue name. */
export const keys = (queue: string) => ({
  /** Hash group -> jobs of that group added and not yet started: the fairness priority. */
  fair: `airlock:${queue}:fair`,
  /** Pub/sub: ids of running jobs to abort (cancellation reaches the worker that holds the box). */
  cancel: `airlock:${queue}:cancel`,
  /** One key per live worker, expiring: what it runs (languages, slots). */
  worker: (id: string) => `airlock:${queue}:worker:${id}`,
  workers: `airlock:${queue}:worker:*`,
  /** A stream session's stdin (a Redis stream) and its output channel (pub/sub). */
  liveIn: (id: string) => `airlock:${queue}:live:${id}:in`,
  liveOut: (id: string) => `airlock:${queue}:live:${id}:out`,
});
