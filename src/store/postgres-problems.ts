// Problems, submissions and their events in PostgreSQL, beside the runs (src/store/postgres.ts): its own pool,
// the same database and migrations, so either store may open it first.
import type pg from 'pg';
import type { ArchiveFormat } from '../archive/unpack.js';
import type { ProblemStore } from './problem-types.js';
import { doneData, endColumns, type EventRow, problemRow, type ProblemRow, submissionRow, type SubmissionRow, toEvent, toProblem, toSubmission } from './problem-rows.js';
import { closer, openPool, type PostgresOptions, transaction } from './pg-pool.js';
import { countSince, insertOne } from './pg-sql.js';

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
      const [row] = (await c.query<SubmissionRow>(
        `UPDATE submissions SET state = 'running', attempts = attempts + 1, started_at = $2 WHERE id = $1 AND state IN (${states}) RETURNING *`,
        [id, at],
      )).rows;
      if (!row) return undefined;
      await c.query('DELETE FROM submission_events WHERE submission_id = $1 AND attempt < $2', [id, row.attempts]);
      await c.query('UPDATE submissions SET event_seq = (SELECT coalesce(max(seq), 0) FROM submission_events WHERE submission_id = $1) WHERE id = $1', [id]);
      return toSubmission(row);
    });

  return {
    async createProblem(p) {
      await pool.query(insertOne('problems', problemRow(p)));
    },
    async getProblem(id) {
      const [row] = await all<ProblemRow>('SELECT * FROM problems WHERE id = $1', [id]);
      return row && toProblem(row);
    },
    async listProblems(keyId) {
      const rows = keyId === null
        ? await all<ProblemRow>('SELECT * FROM problems WHERE key_id IS NULL OR public ORDER BY created_at, ord')
        : await all<ProblemRow>('SELECT * FROM problems WHERE key_id = $1 OR public ORDER BY created_at, ord', [keyId]);
      return rows.map(toProblem);
    },
    async updateProblem(id, c) {
      const r = await pool.query(
        'UPDATE problems SET name = $2, title = $3, revision = $4, dir = $5, summary = $6, updated_at = $7 WHERE id = $1',
        [id, c.name, c.title, c.revision, c.dir, JSON.stringify(c.summary), c.updatedAt],
      );
      return r.rowCount! > 0;
    },
    async deleteProblem(id) {
      // One statement: the archives and the problem go together.
      const r = await pool.query('WITH a AS (DELETE FROM package_archives WHERE problem_id = $1) DELETE FROM problems WHERE id = $1', [id]);
      return r.rowCount! > 0;
    },
    async problemDirs() {
      return (await all<{ dir: string }>('SELECT dir FROM problems')).map((r) => r.dir);
    },
    async savePackageArchive(problemId, revision, format, archive) {
      await pool.query(
        `INSERT INTO package_archives (problem_id, revision, format, archive) VALUES ($1, $2, $3, $4)
         ON CONFLICT (problem_id, revision) DO UPDATE SET format = EXCLUDED.format, archive = EXCLUDED.archive`,
        [problemId, revision, format, archive],
      );
    },
    async packageArchive(problemId, revision) {
      const [row] = await all<{ format: ArchiveFormat; archive: Buffer }>(
        'SELECT format, archive FROM package_archives WHERE problem_id = $1 AND revision = $2',
        [problemId, revision],
      );
      return row;
    },
    async createSubmission(s) {
      await pool.query(insertOne('submissions', submissionRow(s)));
    },
    async getSubmission(id) {
      const [row] = await all<SubmissionRow>('SELECT * FROM submissions WHERE id = $1', [id]);
      return row && toSubmission(row);
    },
    startSubmission: begin("'queued'"),
    restartSubmission: begin("'queued', 'running'"),
    async addSubmissionEvent(id, attempt, type, data, at) {
      const [row] = await all<{ seq: number }>(
        `WITH s AS (UPDATE submissions SET event_seq = event_seq + 1 WHERE id = $1 RETURNING id, event_seq)
         INSERT INTO submission_events (submission_id, seq, attempt, type, data, at) SELECT id, event_seq, $2::int, $3::text, $4::text, $5::bigint FROM s RETURNING seq`,
        [id, attempt, type, JSON.stringify(data), at],
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
      const e = endColumns(end);
      const r = await pool.query(
        `WITH s AS (
           UPDATE submissions SET state = $2, verdict = $3, score = $4, max_score = $5, result = $6, error = $7, finished_at = $8, error_code = $10,
             event_seq = event_seq + 1
           WHERE id = $1 AND state IN ('queued', 'running') RETURNING id, attempts, event_seq
         )
         INSERT INTO submission_events (submission_id, seq, attempt, type, data, at) SELECT id, event_seq, attempts, 'done', $9::text, $8::bigint FROM s`,
        [id, end.state, e.verdict, e.score, e.max_score, e.result, e.error, at, doneData(end), e.error_code],
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
    async purgeSubmissions(before) {
      const r = await pool.query("DELETE FROM submissions WHERE finished_at < $1 AND state IN ('done', 'failed', 'cancelled')", [before]);
      return r.rowCount!;
    },
    close: closer(pool),
  };
}
