// Problems, submissions and their events in PostgreSQL, beside the runs (src/store/postgres.ts): its own pool,
// the same database and migrations, so either store may open it first.
import type pg from 'pg';
import type { ArchiveFormat } from '../archive/unpack.js';
import type { ProblemStore } from './problem-types.js';
import {
  doneData,
  endColumns,
  type EventRow,
  problemRow,
  type ProblemRow,
  submissionRow,
  type SubmissionRow,
  toEvent,
  toProblem,
  toSubmission,
  updateColumns,
} from './problem-rows.js';
import { closer, openPool, type PostgresOptions, transaction } from './pg-pool.js';
import { countSince, insertOne } from './pg-sql.js';
import { ADD_FROM, addUsage, freeRows, storageUse } from './pg-usage.js';
import { PURGE_BATCH, textBytes } from './usage.js';

/** Connect (a pool of `max`, default 10) and bring the schema up to date. */
export async function openPostgresProblemStore(url: string, opts: PostgresOptions = {}): Promise<ProblemStore> {
  return postgresProblemStore(await openPool(url, opts));
}

/**
 * The problem store over a migrated pool; close() ends the pool. An event's seq comes from the submission's
 * event_seq, bumped in the same statement that inserts the event: the UPDATE locks the submission's row, so
 * concurrent writers (a worker's events, a cancel's "done") queue on it and each gets the next number.
 */
export function postgresProblemStore(pool: pg.Pool): ProblemStore {
  const all = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<R>(text, values)).rows;
  // A new attempt, in one transaction: the row lock taken first makes concurrent event writers wait until the
  // earlier attempts' events are gone and event_seq is the largest seq left again.
  const begin = (states: string) => (id: string, at: number) =>
    transaction(pool, async (c) => {
      const [row] = (
        await c.query<SubmissionRow>(
          `UPDATE submissions SET state = 'running', attempts = attempts + 1, started_at = $2 WHERE id = $1 AND state IN (${states}) RETURNING *`,
          [id, at],
        )
      ).rows;
      if (!row) return undefined;
      // The earlier attempts' events go, and their bytes with them (from the submission's and its key's count).
      const { rows } = await c.query<{ n: number }>(
        `WITH d AS (DELETE FROM submission_events WHERE submission_id = $1 AND attempt < $2 RETURNING octet_length(data) AS n)
         SELECT coalesce(sum(n), 0)::bigint AS n FROM d`,
        [id, row.attempts],
      );
      const dropped = rows[0]!.n;
      await c.query(
        'UPDATE submissions SET bytes = bytes - $2, event_seq = (SELECT coalesce(max(seq), 0) FROM submission_events WHERE submission_id = $1) WHERE id = $1',
        [id, dropped],
      );
      await addUsage(c, row.key_id, -dropped);
      return toSubmission(row);
    });

  return {
    async createProblem(p) {
      const insert = insertOne('problems', problemRow(p));
      await pool.query(`WITH i AS (${insert.text} RETURNING coalesce(key_id, '') AS owner, bytes) ${ADD_FROM('i')}`, insert.values);
    },
    async getProblem(id) {
      const [row] = await all<ProblemRow>('SELECT * FROM problems WHERE id = $1', [id]);
      return row && toProblem(row);
    },
    async listProblems(keyId) {
      const rows =
        keyId === null
          ? await all<ProblemRow>('SELECT * FROM problems WHERE key_id IS NULL OR public ORDER BY created_at, ord')
          : await all<ProblemRow>('SELECT * FROM problems WHERE key_id = $1 OR public ORDER BY created_at, ord', [keyId]);
      return rows.map(toProblem);
    },
    async updateProblem(id, change) {
      const u = updateColumns(change);
      return transaction(pool, async (c) => {
        const [old] = (await c.query<{ key_id: string | null; bytes: number }>('SELECT key_id, bytes FROM problems WHERE id = $1 FOR UPDATE', [id])).rows;
        if (!old) return false;
        await c.query(
          'UPDATE problems SET name = $2, title = $3, revision = $4, dir = $5, summary = $6, updated_at = $7, package_bytes = $8, bytes = $9 WHERE id = $1',
          [id, u.name, u.title, u.revision, u.dir, u.summary, u.updated_at, u.package_bytes, u.bytes],
        );
        await addUsage(c, old.key_id, u.bytes - old.bytes);
        return true;
      });
    },
    async deleteProblem(id) {
      // One transaction: the archives and the problem go together, and their bytes with them.
      return transaction(pool, async (c) => {
        const archives = (
          await c.query<{ owner: string; bytes: number }>(
            "DELETE FROM package_archives WHERE problem_id = $1 RETURNING coalesce(key_id, '') AS owner, octet_length(archive) AS bytes",
            [id],
          )
        ).rows;
        const problem = (
          await c.query<{ owner: string; bytes: number }>("DELETE FROM problems WHERE id = $1 RETURNING coalesce(key_id, '') AS owner, bytes", [id])
        ).rows;
        await freeRows(c, [...archives, ...problem]);
        return problem.length > 0;
      });
    },
    async problemDirs() {
      return (await all<{ dir: string }>('SELECT dir FROM problems')).map((r) => r.dir);
    },
    async savePackageArchive(problemId, revision, format, archive, keyId) {
      await transaction(pool, async (c) => {
        // A revision saved again replaces the archive: the old one's bytes are freed first.
        const old = await c.query<{ owner: string; bytes: number }>(
          "DELETE FROM package_archives WHERE problem_id = $1 AND revision = $2 RETURNING coalesce(key_id, '') AS owner, octet_length(archive) AS bytes",
          [problemId, revision],
        );
        await freeRows(c, old.rows);
        await c.query('INSERT INTO package_archives (problem_id, revision, format, archive, key_id) VALUES ($1, $2, $3, $4, $5)', [
          problemId,
          revision,
          format,
          archive,
          keyId,
        ]);
        await addUsage(c, keyId, archive.length);
      });
    },
    async packageArchive(problemId, revision) {
      const [row] = await all<{ format: ArchiveFormat; archive: Buffer }>(
        'SELECT format, archive FROM package_archives WHERE problem_id = $1 AND revision = $2',
        [problemId, revision],
      );
      return row;
    },
    async createSubmission(s) {
      const insert = insertOne('submissions', submissionRow(s));
      await pool.query(`WITH i AS (${insert.text} RETURNING coalesce(key_id, '') AS owner, bytes) ${ADD_FROM('i')}`, insert.values);
    },
    async getSubmission(id) {
      const [row] = await all<SubmissionRow>('SELECT * FROM submissions WHERE id = $1', [id]);
      return row && toSubmission(row);
    },
    startSubmission: begin("'queued'"),
    restartSubmission: begin("'queued', 'running'"),
    async addSubmissionEvent(id, attempt, type, data, at) {
      // The event's bytes count against the submission (a purge frees them with it) and its key, in the same statement.
      const text = JSON.stringify(data);
      const [row] = await all<{ seq: number }>(
        `WITH s AS (UPDATE submissions SET event_seq = event_seq + 1, bytes = bytes + $6 WHERE id = $1 RETURNING id, event_seq, coalesce(key_id, '') AS owner, $6::bigint AS bytes),
         u AS (${ADD_FROM('s')})
         INSERT INTO submission_events (submission_id, seq, attempt, type, data, at) SELECT id, event_seq, $2::int, $3::text, $4::text, $5::bigint FROM s RETURNING seq`,
        [id, attempt, type, text, at, textBytes(text)],
      );
      if (!row) throw new Error(`no submission ${id}`);
      return row.seq;
    },
    async submissionEvents(id, afterSeq) {
      return (await all<EventRow>('SELECT * FROM submission_events WHERE submission_id = $1 AND seq > $2 ORDER BY seq', [id, afterSeq])).map(toEvent);
    },
    async finishSubmission(id, end, at) {
      // One statement, so atomic; a concurrent second finish waits for the row lock, then matches nothing.
      // "done" belongs to the attempt that ended (0 if none started).
      // An unfinished submission has no result and no error yet: its end adds theirs, and the "done" event's, to its bytes.
      const e = endColumns(end);
      const done = doneData(end);
      const r = await pool.query(
        `WITH s AS (
           UPDATE submissions SET state = $2, verdict = $3, score = $4, max_score = $5, result = $6, error = $7, finished_at = $8, error_code = $10,
             event_seq = event_seq + 1, bytes = bytes + $11
           WHERE id = $1 AND state IN ('queued', 'running') RETURNING id, attempts, event_seq, coalesce(key_id, '') AS owner, $11::bigint AS bytes
         ),
         u AS (${ADD_FROM('s')})
         INSERT INTO submission_events (submission_id, seq, attempt, type, data, at) SELECT id, event_seq, attempts, 'done', $9::text, $8::bigint FROM s`,
        [id, end.state, e.verdict, e.score, e.max_score, e.result, e.error, at, done, e.error_code, textBytes(e.result, e.error, done)],
      );
      return r.rowCount === 1;
    },
    async requeueSubmission(id) {
      await pool.query("UPDATE submissions SET state = 'queued' WHERE id = $1 AND state = 'running'", [id]);
    },
    async unfinishedSubmissions() {
      return (await all<SubmissionRow>("SELECT * FROM submissions WHERE state IN ('queued', 'running') ORDER BY created_at, ord")).map(toSubmission);
    },
    async countSubmissions(keyId, since) {
      return (await pool.query<{ n: number }>(countSince('submissions', keyId, since))).rows[0]!.n;
    },
    storageUse: (keyId) => storageUse(pool, keyId),
    async purgeSubmissions(before, limit = PURGE_BATCH) {
      // As the runs' purge: SKIP LOCKED, so nodes purging at once never free a row's bytes twice.
      return transaction(pool, async (c) =>
        freeRows(
          c,
          (
            await c.query<{ owner: string; bytes: number }>(
              `DELETE FROM submissions WHERE id IN (SELECT id FROM submissions WHERE finished_at < $1 AND state IN ('done', 'failed', 'cancelled')
           ORDER BY finished_at LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING coalesce(key_id, '') AS owner, bytes`,
              [before, limit],
            )
          ).rows,
        ),
      );
    },
    close: closer(pool),
  };
}
