// Problems and submissions in SQLite: the same database file as the runs, its own connection.
import type Database from 'better-sqlite3';
import type { ArchiveFormat } from '../archive/unpack.js';
import type { ProblemRecord, ProblemStore, ProblemUpdate, SubmissionRecord } from './problem-types.js';
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
import { openDatabase } from './sqlite.js';
import { sqliteUsage } from './sqlite-usage.js';
import { byOwner, PURGE_BATCH, purged, textBytes } from './usage.js';

/** Open the problem store on the database file (migrated like the runs' store). */
export function openSqliteProblemStore(file: string): ProblemStore {
  return sqliteProblemStore(openDatabase(file));
}

/** The problem store over an open connection. */
export function sqliteProblemStore(db: Database.Database): ProblemStore {
  const q = {
    insertProblem: db.prepare(`INSERT INTO problems (id, key_id, name, title, revision, dir, public, summary, created_at, updated_at, package_bytes, bytes)
      VALUES (@id, @key_id, @name, @title, @revision, @dir, @public, @summary, @created_at, @updated_at, @package_bytes, @bytes)`),
    getProblem: db.prepare<[string], ProblemRow>('SELECT * FROM problems WHERE id = ?'),
    listOwn: db.prepare<[string], ProblemRow>('SELECT * FROM problems WHERE key_id = ? OR public = 1 ORDER BY created_at, rowid'),
    listAnon: db.prepare<[], ProblemRow>('SELECT * FROM problems WHERE key_id IS NULL OR public = 1 ORDER BY created_at, rowid'),
    updateProblem: db.prepare(`UPDATE problems SET name = @name, title = @title, revision = @revision, dir = @dir, summary = @summary,
      updated_at = @updated_at, package_bytes = @package_bytes, bytes = @bytes WHERE id = @id`),
    deleteProblem: db.prepare<[string], { key_id: string | null; bytes: number }>('DELETE FROM problems WHERE id = ? RETURNING key_id, bytes'),
    deleteArchives: db.prepare<[string], { owner: string; bytes: number }>(
      "DELETE FROM package_archives WHERE problem_id = ? RETURNING coalesce(key_id, '') AS owner, length(archive) AS bytes",
    ),
    dirs: db.prepare<[], { dir: string }>('SELECT dir FROM problems'),
    saveArchive: db.prepare('INSERT OR REPLACE INTO package_archives (problem_id, revision, format, archive, key_id) VALUES (?, ?, ?, ?, ?)'),
    archiveSize: db.prepare<[string, number], { key_id: string | null; bytes: number }>(
      'SELECT key_id, length(archive) AS bytes FROM package_archives WHERE problem_id = ? AND revision = ?',
    ),
    archive: db.prepare<[string, number], { format: ArchiveFormat; archive: Buffer }>(
      'SELECT format, archive FROM package_archives WHERE problem_id = ? AND revision = ?',
    ),
    insertSubmission: db.prepare(`INSERT INTO submissions (id, problem_id, problem_revision, key_id, language, spec, state, verdict, score, max_score,
      result, error, request_id, attempts, created_at, started_at, finished_at, error_code, bytes) VALUES (@id, @problem_id, @problem_revision, @key_id,
      @language, @spec, @state, @verdict, @score, @max_score, @result, @error, @request_id, @attempts, @created_at, @started_at, @finished_at,
      @error_code, @bytes)`),
    getSubmission: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE id = ?'),
    start: db.prepare<[number, string], SubmissionRow>(
      "UPDATE submissions SET state = 'running', attempts = attempts + 1, started_at = ? WHERE id = ? AND state = 'queued' RETURNING *",
    ),
    restart: db.prepare<[number, string], SubmissionRow>(
      "UPDATE submissions SET state = 'running', attempts = attempts + 1, started_at = ? WHERE id = ? AND state IN ('queued', 'running') RETURNING *",
    ),
    dropEvents: db.prepare<[string, number], { bytes: number }>(
      'DELETE FROM submission_events WHERE submission_id = ? AND attempt < ? RETURNING length(CAST(data AS BLOB)) AS bytes',
    ),
    addBytes: db.prepare<[number, string], { key_id: string | null }>('UPDATE submissions SET bytes = bytes + ? WHERE id = ? RETURNING key_id'),
    addEvent: db.prepare<
      [string, number, string, string, number, string],
      { seq: number }
    >(`INSERT INTO submission_events (submission_id, seq, attempt, type, data, at)
      SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM submission_events WHERE submission_id = ? RETURNING seq`),
    events: db.prepare<[string, number], EventRow>('SELECT * FROM submission_events WHERE submission_id = ? AND seq > ? ORDER BY seq'),
    // An unfinished submission has no result and no error yet: its end adds theirs to its bytes.
    finish: db.prepare<
      Record<string, unknown>,
      { key_id: string | null; attempts: number }
    >(`UPDATE submissions SET state = @state, verdict = @verdict, score = @score,
      max_score = @max_score, result = @result, error = @error, error_code = @error_code, finished_at = @at, bytes = bytes + @added
      WHERE id = @id AND state IN ('queued', 'running') RETURNING key_id, attempts`),
    requeue: db.prepare("UPDATE submissions SET state = 'queued' WHERE id = ? AND state = 'running'"),
    unfinished: db.prepare<[], SubmissionRow>("SELECT * FROM submissions WHERE state IN ('queued', 'running') ORDER BY created_at, rowid"),
    countKey: db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM submissions WHERE key_id = ? AND created_at >= ?'),
    countAnon: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM submissions WHERE key_id IS NULL AND created_at >= ?'),
    purge: db.prepare<[number, number], { owner: string; bytes: number }>(`DELETE FROM submissions WHERE id IN (SELECT id FROM submissions
      WHERE finished_at < ? AND state IN ('done', 'failed', 'cancelled') ORDER BY finished_at LIMIT ?) RETURNING coalesce(key_id, '') AS owner, bytes`),
  };
  const usage = sqliteUsage(db);
  // An event's bytes count against the submission (so a purge frees them with it) and its key.
  const addBytes = (id: string, n: number) => {
    const row = q.addBytes.get(n, id);
    if (row) usage.add(row.key_id, n);
  };
  const addEvent = db.transaction((id: string, attempt: number, type: string, data: string, at: number) => {
    const seq = q.addEvent.get(id, attempt, type, data, at, id)!.seq;
    addBytes(id, textBytes(data));
    return seq;
  });
  // A new attempt: the events of the earlier ones are dropped with it, and their bytes freed.
  const begin = (update: typeof q.start) =>
    db.transaction((id: string, at: number) => {
      const row = update.get(at, id);
      if (!row) return undefined;
      const dropped = q.dropEvents.all(id, row.attempts).reduce((n, e) => n + e.bytes, 0);
      addBytes(id, -dropped);
      return toSubmission({ ...row, bytes: row.bytes - dropped });
    });
  const start = begin(q.start);
  const restart = begin(q.restart);
  const finish = db.transaction((id: string, end: Parameters<ProblemStore['finishSubmission']>[1], at: number) => {
    const e = endColumns(end);
    const added = textBytes(e.result, e.error);
    const row = q.finish.get({ id, state: end.state, ...e, at, added });
    if (!row) return false;
    usage.add(row.key_id, added);
    // "done" belongs to the attempt that ended (0 if none started).
    addEvent(id, row.attempts, 'done', doneData(end), at);
    return true;
  });
  const createProblem = db.transaction((p: ProblemRecord) => {
    const row = problemRow(p);
    q.insertProblem.run({ ...row, public: p.public ? 1 : 0 });
    usage.add(p.keyId, row.bytes);
  });
  const updateProblem = db.transaction((id: string, c: ProblemUpdate) => {
    const old = q.getProblem.get(id);
    if (!old) return false;
    const cols = updateColumns(c);
    q.updateProblem.run({ id, ...cols });
    usage.add(old.key_id, cols.bytes - old.bytes);
    return true;
  });
  const deleteProblem = db.transaction((id: string) => {
    usage.addOwners(byOwner(q.deleteArchives.all(id)), -1);
    const row = q.deleteProblem.get(id);
    if (row) usage.add(row.key_id, -row.bytes);
    return row !== undefined;
  });
  const insertSubmission = db.transaction((sub: SubmissionRecord) => {
    const row = submissionRow(sub);
    q.insertSubmission.run(row);
    usage.add(sub.keyId, row.bytes);
  });
  const saveArchive = db.transaction((problemId: string, revision: number, format: ArchiveFormat, archive: Buffer, keyId: string | null) => {
    const old = q.archiveSize.get(problemId, revision);
    if (old) usage.add(old.key_id, -old.bytes);
    q.saveArchive.run(problemId, revision, format, archive, keyId);
    usage.add(keyId, archive.length);
  });
  const purge = db.transaction((before: number, limit: number) => {
    const rows = q.purge.all(before, limit);
    const freed = byOwner(rows);
    usage.addOwners(freed, -1);
    return purged(freed, rows.length);
  });

  return {
    async createProblem(p) {
      createProblem(p);
    },
    async getProblem(id) {
      const row = q.getProblem.get(id);
      return row && toProblem(row);
    },
    async listProblems(keyId) {
      return (keyId === null ? q.listAnon.all() : q.listOwn.all(keyId)).map(toProblem);
    },
    async updateProblem(id, c) {
      // IMMEDIATE: it reads before it writes, and another process (the CLI) may write between the two.
      return updateProblem.immediate(id, c);
    },
    async deleteProblem(id) {
      return deleteProblem(id);
    },
    async problemDirs() {
      return q.dirs.all().map((r) => r.dir);
    },
    async savePackageArchive(problemId, revision, format, archive, keyId) {
      saveArchive.immediate(problemId, revision, format, archive, keyId);
    },
    async packageArchive(problemId, revision) {
      return q.archive.get(problemId, revision);
    },
    async createSubmission(s) {
      // A 202 promises the judgement: the row reaches the disk first (as for async runs).
      db.pragma('synchronous = FULL');
      try {
        insertSubmission(s);
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
    async storageUse(keyId) {
      return usage.use(keyId);
    },
    async purgeSubmissions(before, limit = PURGE_BATCH) {
      return purge(before, limit);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
