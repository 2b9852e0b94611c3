// Versioned schema changes for PostgreSQL, where many nodes share one database: schema_migrations records each
// step, and an advisory lock lets one node migrate while the others starting with it wait.
import type pg from 'pg';

/**
 * Each entry moves the schema from version i to i + 1; never edit one that has shipped, add another.
 * Times are BIGINT ms (read back as numbers, src/store/pg-pool.ts). JSON is TEXT, not JSONB: JSONB refuses
 * "\u0000", which a program's output may hold, and TEXT keeps exactly what SQLite keeps. `ord` breaks ties in
 * created_at by insertion order, as SQLite's rowid does.
 */
export const pgMigrations: readonly string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     key_id TEXT,
     state TEXT NOT NULL,
     mode TEXT NOT NULL,
     language TEXT NOT NULL,
     spec TEXT NOT NULL,
     result TEXT,
     error TEXT,
     request_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     batch_id TEXT,
     callback_url TEXT,
     webhook_state TEXT NOT NULL DEFAULT 'none',
     created_at BIGINT NOT NULL,
     started_at BIGINT,
     finished_at BIGINT,
     ord BIGINT GENERATED ALWAYS AS IDENTITY
   );
   CREATE INDEX runs_unfinished ON runs (state, created_at) WHERE state IN ('queued', 'running');
   CREATE INDEX runs_key_created ON runs (key_id, created_at);
   CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;
   CREATE INDEX runs_webhook_pending ON runs (webhook_state) WHERE webhook_state = 'pending';
   CREATE TABLE webhook_attempts (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     delivery_id TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     at BIGINT NOT NULL,
     status_code INTEGER,
     error TEXT,
     duration_ms BIGINT NOT NULL,
     PRIMARY KEY (run_id, attempt)
   );
   CREATE TABLE api_keys (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     hash TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     revoked_at BIGINT,
     policy TEXT NOT NULL
   );`,
  // 2: problems, submissions and each step of their judgement. event_seq is the last seq given to an event of the
  // current attempt: bumping it locks the submission's row, so concurrent writers get distinct seqs.
  `CREATE TABLE problems (
     id TEXT PRIMARY KEY,
     key_id TEXT,
     name TEXT NOT NULL,
     title TEXT NOT NULL,
     revision INTEGER NOT NULL,
     dir TEXT NOT NULL,
     public BOOLEAN NOT NULL DEFAULT false,
     summary TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL,
     ord BIGINT GENERATED ALWAYS AS IDENTITY
   );
   CREATE INDEX problems_key ON problems (key_id, created_at);
   CREATE TABLE submissions (
     id TEXT PRIMARY KEY,
     problem_id TEXT NOT NULL,
     problem_revision INTEGER NOT NULL,
     key_id TEXT,
     language TEXT NOT NULL,
     spec TEXT NOT NULL,
     state TEXT NOT NULL,
     verdict TEXT,
     score DOUBLE PRECISION,
     max_score DOUBLE PRECISION,
     result TEXT,
     error TEXT,
     request_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     created_at BIGINT NOT NULL,
     started_at BIGINT,
     finished_at BIGINT,
     event_seq INTEGER NOT NULL DEFAULT 0,
     ord BIGINT GENERATED ALWAYS AS IDENTITY
   );
   CREATE INDEX submissions_unfinished ON submissions (state, created_at) WHERE state IN ('queued', 'running');
   CREATE INDEX submissions_key_created ON submissions (key_id, created_at);
   CREATE INDEX submissions_finished ON submissions (finished_at) WHERE finished_at IS NOT NULL;
   CREATE TABLE submission_events (
     submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     attempt INTEGER NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     at BIGINT NOT NULL,
     PRIMARY KEY (submission_id, seq)
   );`,
  // 3: each revision's uploaded archive (as SQLite's migration 3: no foreign key, deleteProblem removes it).
  `CREATE TABLE package_archives (
     problem_id TEXT NOT NULL,
     revision INTEGER NOT NULL,
     format TEXT NOT NULL,
     archive BYTEA NOT NULL,
     PRIMARY KEY (problem_id, revision)
   );`,
  // 4: a failure's catalogue code apart from its words (as SQLite's migration 4).
  `ALTER TABLE runs ADD COLUMN error_code TEXT;
   ALTER TABLE submissions ADD COLUMN error_code TEXT;
   UPDATE runs SET error_code = split_part(error, ': ', 1), error = substr(error, position(': ' in error) + 2)
     WHERE error ~ '^AIRLOCK_ERR_[A-Z_]+: ';
   UPDATE submissions SET error_code = split_part(error, ': ', 1), error = substr(error, position(': ' in error) + 2)
     WHERE error ~ '^AIRLOCK_ERR_[A-Z_]+: ';`,
  // 5: the bytes each row keeps and each principal's total (as SQLite's migration 5).
  `ALTER TABLE runs ADD COLUMN bytes BIGINT NOT NULL DEFAULT 0;
   ALTER TABLE submissions ADD COLUMN bytes BIGINT NOT NULL DEFAULT 0;
   ALTER TABLE problems ADD COLUMN package_bytes BIGINT NOT NULL DEFAULT 0;
   ALTER TABLE problems ADD COLUMN bytes BIGINT NOT NULL DEFAULT 0;
   ALTER TABLE package_archives ADD COLUMN key_id TEXT;
   UPDATE runs SET bytes = octet_length(spec) + coalesce(octet_length(result), 0) + coalesce(octet_length(error), 0);
   UPDATE submissions SET bytes = octet_length(spec) + coalesce(octet_length(result), 0) + coalesce(octet_length(error), 0)
     + (SELECT coalesce(sum(octet_length(data)), 0) FROM submission_events e WHERE e.submission_id = submissions.id);
   UPDATE problems SET bytes = octet_length(summary);
   UPDATE package_archives a SET key_id = p.key_id FROM problems p WHERE p.id = a.problem_id;
   CREATE INDEX runs_key_finished ON runs (key_id, finished_at) WHERE finished_at IS NOT NULL;
   CREATE INDEX submissions_key_finished ON submissions (key_id, finished_at) WHERE finished_at IS NOT NULL;
   CREATE TABLE storage_usage (owner TEXT PRIMARY KEY, bytes BIGINT NOT NULL);
   INSERT INTO storage_usage (owner, bytes)
     SELECT owner, sum(n) FROM (
       SELECT coalesce(key_id, '') AS owner, bytes AS n FROM runs
       UNION ALL SELECT coalesce(key_id, ''), bytes FROM submissions
       UNION ALL SELECT coalesce(key_id, ''), bytes FROM problems
       UNION ALL SELECT coalesce(key_id, ''), octet_length(archive) FROM package_archives
     ) x GROUP BY owner;`,
];

/** Any fixed number, the same in every airlock: the advisory lock that serializes migrations. */
const MIGRATION_LOCK = 7_316_952_017;

/** Bring the database up to the latest version, one transaction per step, each under the advisory lock. */
export async function migratePostgres(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    for (;;) {
      await client.query('BEGIN');
      try {
        // Held until this step commits: a node starting meanwhile waits, then finds the step done.
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
        const { rows } = await client.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
        const current = rows[0]!.v;
        if (current > pgMigrations.length) {
          throw new Error(`the database is at schema version ${current}, newer than this airlock (${pgMigrations.length}); upgrade airlock`);
        }
        if (current === pgMigrations.length) {
          await client.query('COMMIT');
          return current;
        }
        await client.query(pgMigrations[current]!);
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [current + 1, Date.now()]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch((err: Error) => (broken = err));
        throw e;
      }
    }
  } finally {
    client.release(broken);
  }
}
