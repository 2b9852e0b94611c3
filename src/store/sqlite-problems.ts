// Problems and submissions in SQLite: the same database file as the runs, its own connection.
import type Database from 'better-sqlite3';
import type { ArchiveFormat } from '../archive/unpack.js';
import type { ProblemStore } from './problem-types.js';
import { doneData, endColumns, type EventRow, problemRow, type ProblemRow, submissionRow, type SubmissionRow, toEvent, toProblem, toSubmission } from './problem-rows.js';
import { openDatabase } from './sqlite.js';

/** Open the problem store on the database file (migrated like the runs' store). */
export function openSqliteProblemStore(file: string): ProblemStore {
  return sqliteProblemStore(openDatabase(file));
}

/** The problem store over an open connection. */
export function sqliteProblemStore(db: Database.Database): ProblemStore {
  const q = {
    insertProblem: db.prepare(`INSERT INTO problems (id, key_id, name, title, revision, dir, public, summary, created_at, updated_at)
      VALUES (@id, @key_id, @name, @title, @revision, @dir, @public, @summary, @created_at, @updated_at)`),
    getProblem: db.prepare<[string], ProblemRow>('SELECT * FROM problems WHERE id = ?'),
    listOwn: db.prepare<[string], ProblemRow>('SELECT * FROM problems WHERE key_id = ? OR public = 1 ORDER BY created_at, rowid'),
    listAnon: db.prepare<[], ProblemRow>('SELECT * FROM problems WHERE key_id IS NULL OR public = 1 ORDER BY created_at, rowid'),
    updateProblem: db.prepare('UPDATE problems SET name = @name, title = @title, revision = @revision, dir = @dir, summary = @summary, updated_at = @updated_at WHERE id = @id'),
    deleteProblem: db.prepare('DELETE FROM problems WHERE id = ?'),
    deleteArchives: db.prepare('DELETE FROM package_archives WHERE problem_id = ?'),
    dirs: db.prepare<[], { dir: string }>('SELECT dir FROM problems'),
    saveArchive: db.prepare('INSERT OR REPLACE INTO package_archives (problem_id, revision, format, archive) VALUES (?, ?, ?, ?)'),
    archive: db.prepare<[string, number], { format: ArchiveFormat; archive: Buffer }>('SELECT format, archive FROM package_archives WHERE problem_id = ? AND revision = ?'),
    insertSubmission: db.prepare(`INSERT INTO submissions (id, problem_id, problem_revision, key_id, language, spec, state, verdict, score, max_score,
      result, error, request_id, attempts, created_at, started_at, finished_at, error_code) VALUES (@id, @problem_id, @problem_revision, @key_id,
      @language, @spec, @state, @verdict, @score, @max_score, @result, @error, @request_id, @attempts, @created_at, @started_at, @finished_at,
      @error_code)`),
    getSubmission: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE id = ?'),
    start: db.prepare<[number, string], SubmissionRow>(
      "UPDATE submissions SET state = 'running', attempts = attempts + 1, started_at = ? WHERE id = ? AND state = 'queued' RETURNING *",
    ),
    restart: db.prepare<[number, string], SubmissionRow>(
      "UPDATE submissions SET state = 'running', attempts = attempts + 1, started_at = ? WHERE id = ? AND state IN ('queued', 'running') RETURNING *",
    ),
    dropEvents: db.prepare('DELETE FROM submission_events WHERE submission_id = ? AND attempt < ?'),
    addEvent: db.prepare<[string, number, string, string, number, string], { seq: number }>(`INSERT INTO submission_events (submission_id, seq, attempt, type, data, at)
      SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM submission_events WHERE submission_id = ? RETURNING seq`),
    events: db.prepare<[string, number], EventRow>('SELECT * FROM submission_events WHERE submission_id = ? AND seq > ? ORDER BY seq'),
    finish: db.prepare(`UPDATE submissions SET state = @state, verdict = @verdict, score = @score, max_score = @max_score, result = @result,
      error = @error, error_code = @error_code, finished_at = @at WHERE id = @id AND state IN ('queued', 'running')`),
    requeue: db.prepare("UPDATE submissions SET state = 'queued' WHERE id = ? AND state = 'running'"),
    unfinished: db.prepare<[], SubmissionRow>("SELECT * FROM submissions WHERE state IN ('queued', 'running') ORDER BY created_at, rowid"),
    countKey: db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM submissions WHERE key_id = ? AND created_at >= ?'),
    countAnon: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM submissions WHERE key_id IS NULL AND created_at >= ?'),
    purge: db.prepare("DELETE FROM submissions WHERE finished_at < ? AND state IN ('done', 'failed', 'cancelled')"),
  };
  const addEvent = (id: string, attempt: number, type: string, data: string, at: number) => q.addEvent.get(id, attempt, type, data, at, id)!.seq;
  // A new attempt: the events of the earlier ones are dropped with it.
  const begin = (update: typeof q.start) => db.transaction((id: string, at: number) => {
    const row = update.get(at, id);
    if (row) q.dropEvents.run(id, row.attempts);
    return row && toSubmission(row);
  });
  const start = begin(q.start);
  const restart = begin(q.restart);
  const finish = db.transaction((id: string, end: Parameters<ProblemStore['finishSubmission']>[1], at: number) => {
    const info = q.finish.run({ id, state: end.state, ...endColumns(end), at });
    if (info.changes === 0) return false;
    // "done" belongs to the attempt that ended (0 if none started).
    const attempt = q.getSubmission.get(id)!.attempts;
    addEvent(id, attempt, 'done', doneData(end), at);
    return true;
  });
  const deleteProblem = db.transaction((id: string) => {
    q.deleteArchives.run(id);
    return q.deleteProblem.run(id).changes > 0;
  });

  return {
    async createProblem(p) {
      q.insertProblem.run({ ...problemRow(p), public: p.public ? 1 : 0 });
    },
    async getProblem(id) {
      const row = q.getProblem.get(id);
      return row && toProblem(row);
    },
    async listProblems(keyId) {
      return (keyId === null ? q.listAnon.all() : q.listOwn.all(keyId)).map(toProblem);
    },
    async updateProblem(id, c) {
      return q.updateProblem.run({ id, name: c.name, title: c.title, revision: c.revision, dir: c.dir, summary: JSON.stringify(c.summary), updated_at: c.updatedAt }).changes > 0;
    },
    async deleteProblem(id) {
      return deleteProblem(id);
    },
    async problemDirs() {
      return q.dirs.all().map((r) => r.dir);
    },
    async savePackageArchive(problemId, revision, format, archive) {
      q.saveArchive.run(problemId, revision, format, archive);
    },
    async packageArchive(problemId, revision) {
      return q.archive.get(problemId, revision);
    },
    async createSubmission(s) {
      // A 202 promises the judgement: the row reaches the disk first (as for async runs).
      db.pragma('synchronous = FULL');
      try {
        q.insertSubmission.run(submissionRow(s));
      } finally {
        db.pragma('synchronous = NORMAL');
      }
    },
    async getSubmission(id) {
      const row = q.getSubmission.get(id);
      return row && toSubmission(row);
    },
    async startSubmission(id, at) {
      return start(id, at);
    },
    async restartSubmission(id, at) {
      return restart(id, at);
    },
    async addSubmissionEvent(id, attempt, type, data, at) {
      return addEvent(id, attempt, type, JSON.stringify(data), at);
    },
    async submissionEvents(id, afterSeq) {
      return q.events.all(id, afterSeq).map(toEvent);
    },
    async finishSubmission(id, end, at) {
      return finish(id, end, at);
    },
    async requeueSubmission(id) {
      q.requeue.run(id);
    },
    async unfinishedSubmissions() {
      return q.unfinished.all().map(toSubmission);
    },
    async countSubmissions(keyId, since) {
      return (keyId === null ? q.countAnon.get(since) : q.countKey.get(keyId, since))!.n;
    },
    async purgeSubmissions(before) {
      return q.purge.run(before).changes;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
