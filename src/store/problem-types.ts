// The persistence interface of problems and submissions, apart from the runs' Store so that each backend
// (SQLite here, PostgreSQL for scale-out) adds it on its own. Async throughout; times are ms since the epoch.
import type { ArchiveFormat } from '../archive/unpack.js';
import type { Purged, RunEnd, RunState, StorageUse } from './types.js';

/** What GET /v1/problems and /v1/problems/:id show, computed once at upload (the package is not read again for it). */
export interface ProblemSummary {
  statement: string;
  /** Default limits: seconds and bytes. */
  limits: { time: number; wallTime: number; memory: number; output: number };
  /** The largest limits over all tests (per-test and group limits included): what ceilings are checked against. */
  maxLimits: { time: number; wallTime: number; memory: number; output: number };
  tests: number;
  /** The most a submission can score. */
  points: number;
  groups: Array<{ name: string; points: number }>;
  samples: Array<{ name: string; input: string; output: string }>;
  /** Every test's input and answer (the start of each), when the package makes its tests public. */
  publicTests?: Array<{ name: string; input: string; output: string }>;
  interactive: boolean;
  /** "tokens", "floats", ... or "program" (a checker program). */
  checker: string;
  format: 'airlock' | 'polygon' | 'icpc';
  warnings: string[];
}

/** A stored problem: metadata here, the package's files in `dir` under the data directory. */
export interface ProblemRecord {
  id: string;
  /** The key that uploaded it (null: anonymous); only it may replace or delete it. */
  keyId: string | null;
  /** Short name: the package's directory name or ?name=, letters, digits and . _ - */
  name: string;
  /** The problem's title (problem.json "name", Polygon's <name>). */
  title: string;
  /** 1 at upload, +1 at each replacement: names the package directory and the prepared (compiled) problem. */
  revision: number;
  /** The package directory, relative to the data directory. */
  dir: string;
  /** Readable and open to submissions for every caller, not only its owner. */
  public: boolean;
  summary: ProblemSummary;
  /** The unpacked package's bytes on disk: with the summary, what the problem counts against its key's storage quota. */
  packageBytes: number;
  createdAt: number;
  updatedAt: number;
}

/** A new revision of a problem's package. */
export type ProblemUpdate = Pick<ProblemRecord, 'name' | 'title' | 'revision' | 'dir' | 'summary' | 'packageBytes' | 'updatedAt'>;

/** What is judged, as persisted: decoded, checked, and JSON-safe (file contents in base64). */
export interface SubmissionSpec {
  language: string;
  files: { name: string; content: string }[];
  main?: string;
  compileOptions?: string[];
}

/** A submission's life: the same states as a run's. */
export type SubmissionState = RunState;

/** One submission as stored. `result` is the judge's whole result (JudgeResult) once it is done. */
export interface SubmissionRecord {
  id: string;
  problemId: string;
  /** The package revision it is judged against (fixed at submission). */
  problemRevision: number;
  keyId: string | null;
  language: string;
  spec: SubmissionSpec;
  state: SubmissionState;
  verdict: string | null;
  score: number | null;
  maxScore: number | null;
  /** null until it is done. */
  result: unknown;
  /** Why it failed or was cancelled, in words. */
  error: string | null;
  /** The catalogue code of a failure that had one, apart from the words. */
  errorCode: string | null;
  requestId: string;
  attempts: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** A step of a judgement: compile, test, group, and "done" last (written by finishSubmission). */
export interface SubmissionEvent {
  submissionId: string;
  /** The judging attempt it belongs to (a restart judges again; earlier attempts' events are dropped). */
  attempt: number;
  /** 1, 2, ... within the attempt. */
  seq: number;
  type: 'compile' | 'test' | 'group' | 'done';
  data: unknown;
  at: number;
}

/** A submission's final fields: the judge's whole result (stored as is; its verdict and scores also as columns), or why not. */
export interface SubmissionEnd {
  state: RunEnd['state'];
  result?: { verdict: string; score: number; maxScore: number } | null;
  error?: string | null;
  errorCode?: string | null;
}

/** Problems, submissions and their events. Every method may be backed by a remote database. */
export interface ProblemStore {
  createProblem(p: ProblemRecord): Promise<void>;
  getProblem(id: string): Promise<ProblemRecord | undefined>;
  /** Problems a caller may see: its own (null: the anonymous ones) and the public ones, oldest first. */
  listProblems(keyId: string | null): Promise<ProblemRecord[]>;
  /** Move a problem to a new revision; false if it is gone. */
  updateProblem(id: string, change: ProblemUpdate): Promise<boolean>;
  /** false if there was no such problem. Its archives go with it; its submissions stay (they name the problem by id). */
  deleteProblem(id: string): Promise<boolean>;
  /** Every package directory a problem names: a start removes the others (left by a crash mid-upload). */
  problemDirs(): Promise<string[]>;
  /**
   * Keep a revision's uploaded archive, so that any node (a worker on another machine) can unpack the package itself.
   * Saving the same revision again replaces it. It may precede createProblem, so that no node ever sees a revision
   * without its archive; deleteProblem deletes the problem's archives. Its bytes count against `keyId`'s storage.
   */
  savePackageArchive(problemId: string, revision: number, format: ArchiveFormat, archive: Buffer, keyId: string | null): Promise<void>;
  /** A revision's archive, or undefined. */
  packageArchive(problemId: string, revision: number): Promise<{ format: ArchiveFormat; archive: Buffer } | undefined>;

  /** Persist a new submission durably (it has been promised with a 202). */
  createSubmission(s: SubmissionRecord): Promise<void>;
  getSubmission(id: string): Promise<SubmissionRecord | undefined>;
  /** queued -> running, attempts + 1, events of earlier attempts dropped; undefined when no longer queued. */
  startSubmission(id: string, at: number): Promise<SubmissionRecord | undefined>;
  /** A retried job whose worker died: queued or running -> running, attempts + 1, earlier attempts' events dropped; undefined when it has ended. */
  restartSubmission(id: string, at: number): Promise<SubmissionRecord | undefined>;
  /** Append an event of the current attempt; returns its seq. */
  addSubmissionEvent(id: string, attempt: number, type: SubmissionEvent['type'], data: unknown, at: number): Promise<number>;
  /** The events after `afterSeq` (0: all), in order. */
  submissionEvents(id: string, afterSeq: number): Promise<SubmissionEvent[]>;
  /** Record the end of a queued or running submission and append its "done" event, atomically; false if it had ended. */
  finishSubmission(id: string, end: SubmissionEnd, at: number): Promise<boolean>;
  /** running -> queued (a shutdown stopped it). */
  requeueSubmission(id: string): Promise<void>;
  /** Queued or running, oldest first: what a restart picks up. */
  unfinishedSubmissions(): Promise<SubmissionRecord[]>;
  /** Submissions a key (null: anonymous) made since a time: for quotas. */
  countSubmissions(keyId: string | null, since: number): Promise<number>;
  /** A principal's stored bytes: the same count as Store.storageUse (one table in the same database). */
  storageUse(keyId: string | null): Promise<StorageUse>;
  /** Delete at most `limit` finished submissions (and their events) that ended before a time, and free their bytes (as Store.purge). */
  purgeSubmissions(before: number, limit?: number): Promise<Purged>;
  close(): Promise<void>;
}
