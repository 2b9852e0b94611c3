// The real Redis and PostgreSQL of the test machine, for scale-out tests: a fresh database and queue name per use.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** The PostgreSQL server (no database in the path) and the Redis the tests use. */
export const pgServer = process.env.AIRLOCK_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const redisUrl = process.env.AIRLOCK_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A new empty database; drop() removes it (and ends any connection still open to it). */
export async function createDatabase(prefix = 'airlock_test'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${pgServer}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `${pgServer}/${name}`,
    name,
    async drop() {
      const c = new pg.Client({ connectionString: `${pgServer}/postgres` });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Delete every Redis key of a queue name: BullMQ's (bull:<name>:*) and airlock's (airlock:<name>:*). */
export async function dropQueue(name: string): Promise<void> {
  const r = new Redis(redisUrl);
  try {
    for (const pattern of [`bull:${name}:*`, `airlock:${name}:*`]) {
      let cursor = '0';
      do {
        const [next, batch] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        if (batch.length) await r.del(...batch);
      } while (cursor !== '0');
    }
  } finally {
    r.disconnect();
  }
}

/** Settings of a one-off cluster (its own database and queue name) and how to remove it afterwards. */
export async function clusterSettings(): Promise<{
  flags: Record<string, unknown>;
  db: { url: string; name: string };
  queue: string;
  cleanup(): Promise<void>;
}> {
  const db = await createDatabase('airlock_cluster');
  const queue = `t-${randomBytes(4).toString('hex')}`;
  return {
    // Every node signs webhooks with the same key: a cluster must name it.
    flags: { 'queue.redis': redisUrl, 'store.postgres': db.url, 'queue.name': queue, 'webhooks.secret': `test-${queue}` },
    db,
    queue,
    async cleanup() {
      await dropQueue(queue);
      await db.drop();
    },
  };
}
