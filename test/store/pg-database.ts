// Throwaway PostgreSQL databases for the store tests: each made with a random name, all dropped after the file's tests.
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';

/** The server: AIRLOCK_PG_URL, else the local one that trusts `postgres`. */
const base = process.env.AIRLOCK_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** The URL of database `name` on the server. */
const at = (name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

const created: string[] = [];

/** Run one statement on the server's `postgres` database. */
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: at('postgres') });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A new empty database; returns its URL. */
export async function createDatabase(): Promise<string> {
  const name = `airlock_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  created.push(name);
  return at(name);
}

/** Run one statement on the database at `url`, returning its rows. */
export async function sql<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/** Empty every airlock table (the schema stays): each contract test wants a fresh store. */
export async function emptyTables(url: string): Promise<void> {
  const tables = await sql<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename != 'schema_migrations'");
  if (tables.length > 0) await sql(url, `TRUNCATE ${tables.map((t) => t.tablename).join(', ')}`);
}

// FORCE: a store a failed test left open must not keep its database alive.
after(async () => {
  for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});
