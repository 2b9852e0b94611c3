// Problems and submissions in SQLite: the same database file as the runs, its own connection.
import type Database from 'better-sqlite3';
import type { ProblemRecord, ProblemStore, SubmissionEvent, SubmissionRecord } from './problem-types.js';
import { openDatabase } from './sqlite.js';

interface ProblemRow {
  id: string;
  key_id: string | null;
  name: string;
  title: string;
  revision: number;
  dir: string;
  public: number;
  summary: string;
  created_at: number;
  updated_at: number;
}

interface SubmissionRow {
  id: string;
  problem_id: string;
  problem_revision: number;
  key_id: string | null;
  language: string;
  spec: string;
  state: SubmissionRecord['state'];
  verdict: string | null;
  score: number | null;
  max_score: number | null;
  result: string | null;
  error: string | null;
  request_id: string;
  attempts: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

interface EventRow {
  submission_id: string;
  seq: number;
  attempt: number;
  type: SubmissionEvent['type'];
  data: string;
  at: number;
}

const toProblem = (r: ProblemRow): ProblemRecord => ({
  id: r.id,
  keyId: r.key_id,
  name: r.name,
  title: r.title,
  revision: r.revision,
  dir: r.dir,
  public: r.public === 1,
  summary: JSON.parse(r.summary),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toSubmission = (r: SubmissionRow): SubmissionRecord => ({
  id: r.id,
  problemId: r.problem_id,
  problemRevision: r.problem_revision,
  keyId: r.key_id,
  language: r.language,
  spec: JSON.parse(r.spec),
  state: r.state,
  verdict: r.verdict,
  score: r.score,
  maxScore: r.max_score,
  result: r.result === null ? null : JSON.parse(r.result),
  error: r.error,
  requestId: r.request_id,
  attempts: r.attempts,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

const toEvent = (r: EventRow): SubmissionEvent => ({ submissionId: r.submission_id, attempt: r.attempt, seq: r.seq, type: r.type, data: JSON.parse(r.data), at: r.at });

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
    dirs: db.prepare<[], { dir: string }>('SELECT dir FROM problems'),
    insertSubmission: db.prepare(`INSERT INTO submissions (id, problem_id, problem_revision, key_id, language, spec, state, verdict, score, max_score,
      result, error, request_id, attempts, created_at, started_at, finished_at) VALUES (@id, @problem_id, @problem_revision, @key_id, @language,
      @spec, @state, @verdict, @score, @max_score, @result, @error, @request_id, @attempts, @created_at, @started_at, @finished_at)`),
    getSubmission: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE id = ?'),
    start: db.prepare<[number, string], SubmissionRow>(
      "UPDATE submissions SET state = 'running', attempts = attempts + 1, started_at = ? WHERE id = ? AND state = 'queued' RETURNING *",
    ),
    dropEvents: db.prepare('DELETE FROM submission_events WHERE submission_id = ? AND attempt < ?'),
    addEvent: db.prepare<[string, number, string, string, number, string], { seq: number }>(`INSERT INTO submission_events (submission_id, seq, attempt, type, data, at)
      SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM submission_events WHERE submission_id = ? RETURNING seq`),
    events: db.prepare<[string, number], EventRow>('SELECT * FROM submission_events WHERE submission_id = ? AND seq > ? ORDER BY seq'),
    finish: db.prepare(`UPDATE submissions SET state = @state, verdict = @verdict, score = @score, max_score = @max_score, result = @result,
      error = @error, finished_at = @at WHERE id = @id AND state IN ('queued', 'running')`),
    requeue: db.prepare("UPDATE submissions SET state = 'queued' WHERE id = ? AND state = 'running'"),
    unfinished: db.prepare<[], SubmissionRow>("SELECT * FROM submissions WHERE state IN ('queued', 'running') ORDER BY created_at, rowid"),
    countKey: db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM submissions WHERE key_id = ? AND created_at >= ?'),
    countAnon: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM submissions WHERE key_id IS NULL AND created_at >= ?'),
    purge: db.prepare("DELETE FROM submissions WHERE finished_at < ? AND state IN ('done', 'failed', 'cancelled')"),
  };
  const addEvent = (id: string, attempt: number, type: string, data: unknown, at: number) => q.addEvent.get(id, attempt, type, JSON.stringify(data), at, id)!.seq;
  const start = db.transaction((id: string, at: number) => {
    const row = q.start.get(at, id);
    if (row) q.dropEvents.run(id, row.attempts);
    return row;
  });
  const finish = db.transaction((id: string, end: Parameters<ProblemStore['finishSubmission']>[1], at: number) => {
    const r = end.result ?? null;
    const info = q.finish.run({
      id,
      state: end.state,
      verdict: r?.verdict ?? null,
      score: r?.score ?? null,
      max_score: r?.maxScore ?? null,
      result: r ? JSON.stringify(r) : null,
      error: end.error ?? null,
      at,
    });
    if (info.changes === 0) return false;
    // "done" closes every event stream, whatever the end; it belongs to the attempt that ended (0 if none started).
    const attempt = q.getSubmission.get(id)!.attempts;
    addEvent(id, attempt, 'done', { state: end.state }, at);
    return true;
  });

  return {
    async createProblem(p) {
      q.insertProblem.run({
        id: p.id,
        key_id: p.keyId,
        name: p.name,
        title: p.title,
        revision: p.revision,
        dir: p.dir,
        public: p.public ? 1 : 0,
        summary: JSON.stringify(p.summary),
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      });
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
      return q.deleteProblem.run(id).changes > 0;
    },
    async problemDirs() {
      return q.dirs.all().map((r) => r.dir);
    },
    async createSubmission(s) {
      // A 202 promises the judgement: the row reaches the disk first (as for async runs).
      db.pragma('synchronous = FULL');
      try {
        q.insertSubmission.run({
          id: s.id,
          problem_id: s.problemId,
          problem_revision: s.problemRevision,
          key_id: s.keyId,
          language: s.language,
          spec: JSON.stringify(s.spec),
          state: s.state,
          verdict: s.verdict,
          score: s.score,
          max_score: s.maxScore,
          result: s.result === null ? null : JSON.stringify(s.result),
          error: s.error,
          request_id: s.requestId,
          attempts: s.attempts,
          created_at: s.createdAt,
          started_at: s.startedAt,
          finished_at: s.finishedAt,
        });
      } finally {
        db.pragma('synchronous = NORMAL');
      }
    },
    async getSubmission(id) {
      const row = q.getSubmission.get(id);
      return row && toSubmission(row);
    },
    async startSubmission(id, at) {
      const row = start(id, at);
      return row && toSubmission(row);
    },
    async addSubmissionEvent(id, attempt, type, data, at) {
      return addEvent(id, attempt, type, data, at);
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
