// Versioned schema changes for SQLite; PRAGMA user_version records how far a database has come.
import type Database from 'better-sqlite3';

/** Each entry moves the schema from version i to i + 1; never edit one that has shipped, add another. */
export const migrations: readonly string[] = [
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
     created_at INTEGER NOT NULL,
     started_at INTEGER,
     finished_at INTEGER
   );
   CREATE INDEX runs_unfinished ON runs (state, created_at) WHERE state IN ('queued', 'running');
   CREATE INDEX runs_key_created ON runs (key_id, created_at);
   CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;
   CREATE INDEX runs_webhook_pending ON runs (webhook_state) WHERE webhook_state = 'pending';
   CREATE TABLE webhook_attempts (
     run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
     delivery_id TEXT NOT NULL,
     attempt INTEGER NOT NULL,
     at INTEGER NOT NULL,
     status_code INTEGER,
     error TEXT,
     duration_ms INTEGER NOT NULL,
     PRIMARY KEY (run_id, attempt)
   );
   CREATE TABLE api_keys (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     revoked_at INTEGER,
     policy TEXT NOT NULL
   );`,
  // 2: problems (metadata; packages live on disk), submissions and each step of their judgement.
  `CREATE TABLE problems (
     id TEXT PRIMARY KEY,
     key_id TEXT,
     name TEXT NOT NULL,
     title TEXT NOT NULL,
     revision INTEGER NOT NULL,
     dir TEXT NOT NULL,
     public INTEGER NOT NULL DEFAULT 0,
     summary TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
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
     score REAL,
     max_score REAL,
     result TEXT,
     error TEXT,
     request_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     started_at INTEGER,
     finished_at INTEGER
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
     at INTEGER NOT NULL,
     PRIMARY KEY (submission_id, seq)
   );`,
  // 3: each revision's uploaded archive, for nodes that do not share the data directory. No foreign key: the archive
  // is saved before its problem row exists, and deleteProblem removes it explicitly.
  `CREATE TABLE package_archives (
     problem_id TEXT NOT NULL,
     revision INTEGER NOT NULL,
     format TEXT NOT NULL,
     archive BLOB NOT NULL,
     PRIMARY KEY (problem_id, revision)
   );`,
  // 4: a failure's catalogue code apart from its words (it was "CODE: message" in one column, and parsing it back
  // doubled the message). Rows written before keep their words; their code moves to its column.
  `ALTER TABLE runs ADD COLUMN error_code TEXT;
   ALTER TABLE submissions ADD COLUMN error_code TEXT;
   UPDATE runs SET error_code = substr(error, 1, instr(error, ': ') - 1), error = substr(error, instr(error, ': ') + 2)
     WHERE error GLOB 'AIRLOCK_ERR_[A-Z]*: *';
   UPDATE submissions SET error_code = substr(error, 1, instr(error, ': ') - 1), error = substr(error, instr(error, ': ') + 2)
     WHERE error GLOB 'AIRLOCK_ERR_[A-Z]*: *';`,
  // 5: the bytes each row keeps (src/store/usage.ts) and each principal's total, counted from the rows already there.
  // A problem's package on disk cannot be measured here: problems stored before count their summary and archives.
  `ALTER TABLE runs ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE submissions ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE problems ADD COLUMN package_bytes INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE problems ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE package_archives ADD COLUMN key_id TEXT;
   UPDATE runs SET bytes = length(CAST(spec AS BLOB)) + coalesce(length(CAST(result AS BLOB)), 0) + coalesce(length(CAST(error AS BLOB)), 0);
   UPDATE submissions SET bytes = length(CAST(spec AS BLOB)) + coalesce(length(CAST(result AS BLOB)), 0) + coalesce(length(CAST(error AS BLOB)), 0)
     + (SELECT coalesce(sum(length(CAST(data AS BLOB))), 0) FROM submission_events e WHERE e.submission_id = submissions.id);
   UPDATE problems SET bytes = length(CAST(summary AS BLOB));
   UPDATE package_archives SET key_id = (SELECT key_id FROM problems p WHERE p.id = package_archives.problem_id);
   CREATE INDEX runs_key_finished ON runs (key_id, finished_at) WHERE finished_at IS NOT NULL;
   CREATE INDEX submissions_key_finished ON submissions (key_id, finished_at) WHERE finished_at IS NOT NULL;
   CREATE TABLE storage_usage (owner TEXT PRIMARY KEY, bytes INTEGER NOT NULL);
   INSERT INTO storage_usage (owner, bytes)
     SELECT owner, sum(n) FROM (
       SELECT coalesce(key_id, '') AS owner, bytes AS n FROM runs
       UNION ALL SELECT coalesce(key_id, ''), bytes FROM submissions
       UNION ALL SELECT coalesce(key_id, ''), bytes FROM problems
       UNION ALL SELECT coalesce(key_id, ''), length(archive) FROM package_archives
     ) GROUP BY owner;`,
];

/** Bring a database up to the latest version, one transaction per step. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`the database is at schema version ${current}, newer than this airlock (${migrations.length}); upgrade airlock`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return migrations.length;
}
