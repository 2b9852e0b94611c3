// Problems, submissions and their events as table rows, the same shape in SQLite and PostgreSQL.
import type { ProblemRecord, ProblemUpdate, SubmissionEnd, SubmissionEvent, SubmissionRecord } from './problem-types.js';
import { textBytes } from './usage.js';

/** A problems row; `public` is 0/1 in SQLite, a boolean in PostgreSQL. */
export interface ProblemRow {
  id: string;
  key_id: string | null;
  name: string;
  title: string;
  revision: number;
  dir: string;
  public: number | boolean;
  summary: string;
  created_at: number;
  updated_at: number;
  package_bytes: number;
  /** What the row counts against its principal's storage: the package on disk and the summary. */
  bytes: number;
}

/** A submissions row. */
export interface SubmissionRow {
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
  error_code: string | null;
  /** What the row counts against its principal's storage: spec, result, error and every event's data. */
  bytes: number;
}

/** A submission_events row. */
export interface EventRow {
  submission_id: string;
  seq: number;
  attempt: number;
  type: SubmissionEvent['type'];
  data: string;
  at: number;
}

/** A problem from its row. */
export const toProblem = (r: ProblemRow): ProblemRecord => ({
  id: r.id,
  keyId: r.key_id,
  name: r.name,
  title: r.title,
  revision: r.revision,
  dir: r.dir,
  public: r.public === 1 || r.public === true,
  summary: JSON.parse(r.summary) as ProblemRecord['summary'],
  packageBytes: Number(r.package_bytes),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A problem's row (PostgreSQL's boolean `public`), its columns in table order. */
export const problemRow = (p: ProblemRecord): ProblemRow => {
  const summary = JSON.stringify(p.summary);
  return {
    id: p.id,
    key_id: p.keyId,
    name: p.name,
    title: p.title,
    revision: p.revision,
    dir: p.dir,
    public: p.public,
    summary,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    package_bytes: p.packageBytes,
    bytes: p.packageBytes + textBytes(summary),
  };
};

/** The columns a new revision sets, its bytes among them. */
export const updateColumns = (c: ProblemUpdate) => {
  const summary = JSON.stringify(c.summary);
  return {
    name: c.name,
    title: c.title,
    revision: c.revision,
    dir: c.dir,
    summary,
    updated_at: c.updatedAt,
    package_bytes: c.packageBytes,
    bytes: c.packageBytes + textBytes(summary),
  };
};

/** A submission from its row. */
export const toSubmission = (r: SubmissionRow): SubmissionRecord => ({
  id: r.id,
  problemId: r.problem_id,
  problemRevision: r.problem_revision,
  keyId: r.key_id,
  language: r.language,
  spec: JSON.parse(r.spec) as SubmissionRecord['spec'],
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
  errorCode: r.error_code,
});

/** A submission's row, its columns in table order. */
export const submissionRow = (s: SubmissionRecord): SubmissionRow => {
  const spec = JSON.stringify(s.spec);
  const result = s.result === null ? null : JSON.stringify(s.result);
  return { ...submissionColumns(s, spec, result), bytes: textBytes(spec, result, s.error) };
};

const submissionColumns = (s: SubmissionRecord, spec: string, result: string | null): Omit<SubmissionRow, 'bytes'> => ({
  id: s.id,
  problem_id: s.problemId,
  problem_revision: s.problemRevision,
  key_id: s.keyId,
  language: s.language,
  spec,
  state: s.state,
  verdict: s.verdict,
  score: s.score,
  max_score: s.maxScore,
  result,
  error: s.error,
  request_id: s.requestId,
  attempts: s.attempts,
  created_at: s.createdAt,
  started_at: s.startedAt,
  finished_at: s.finishedAt,
  error_code: s.errorCode,
});

/** An event from its row. */
export const toEvent = (r: EventRow): SubmissionEvent => ({
  submissionId: r.submission_id,
  attempt: r.attempt,
  seq: r.seq,
  type: r.type,
  data: JSON.parse(r.data),
  at: r.at,
});

/** The columns a submission's end sets besides its state and time. */
export const endColumns = (end: SubmissionEnd): Pick<SubmissionRow, 'verdict' | 'score' | 'max_score' | 'result' | 'error' | 'error_code'> => {
  const r = end.result ?? null;
  return {
    verdict: r?.verdict ?? null,
    score: r?.score ?? null,
    max_score: r?.maxScore ?? null,
    result: r ? JSON.stringify(r) : null,
    error: end.error ?? null,
    error_code: end.errorCode ?? null,
  };
};

/** The "done" event's data: it closes every event stream, whatever the end. */
export const doneData = (end: SubmissionEnd): string => JSON.stringify({ state: end.state });
