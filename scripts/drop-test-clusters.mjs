#!/usr/bin/env node
// Removes what scale-out tests leave on the machine's PostgreSQL and Redis: databases named airlock_cluster_* or
// airlock_test_*, and the keys of test queues (bull:t-* and airlock:t-*). Run by scripts/test.mjs after its
// scale-out pass; safe to run by hand (it touches only those names).
import pg from 'pg';
import { Redis } from 'ioredis';

/** Drop every test database and test queue; returns how many of each. */
export async function dropTestClusters() {
  const server = process.env.AIRLOCK_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  let databases = 0;
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'airlock\\_cluster\\_%' OR datname LIKE 'airlock\\_test\\_%'`);
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      databases++;
    }
  } finally {
    await admin.end();
  }
  const redis = new Redis(process.env.AIRLOCK_REDIS_URL ?? 'redis://127.0.0.1:6379');
  let keys = 0;
  try {
    for (const pattern of ['bull:t-*', 'airlock:t-*']) {
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (batch.length) keys += await redis.del(...batch);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
  return { databases, keys };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { databases, keys } = await dropTestClusters();
  console.error(`dropped ${databases} test databases and ${keys} test queue keys`);
}
