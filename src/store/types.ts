// The persistence interface: async so that PostgreSQL (scale-out) can sit behind it like SQLite does.
import type { Policy } from '../config/schema.js';
import type { RunResult } from '../contracts/result.js';

/** A run's life: queued -> running -> done | failed | cancelled (running -> queued again on shutdown or restart). */
export type RunState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** How the caller waits: the HTTP request (sync), later by id or webhook (async), or a WebSocket (stream). */
export type RunMode = 'sync' | 'async' | 'stream';

/** Where a run's webhook stands. */
export type WebhookState = 'none' | 'pending' | 'delivered' | 'failed';

/** What to execute, as persisted: decoded, checked, and JSON-safe (bytes in base64). */
export interface RunSpec {
  language: string;
  files: { name: string; content: string }[];
  main?: string;
  stdin?: string;
  args?: string[];
  compileOptions?: string[];
  limits?: Record<string, number>;
  compileLimits?: Record<string, number>;
  network?: boolean;
  outputEncoding: 'utf8' | 'base64';
  /** What a compatibility adapter keeps with the run to answer in its own API's terms (src/compat); `api` names it. */
  compat?: { api: string } & Record<string, unknown>;
  /** Judged runs: the tests (input and expected output in base64) and the checker. */
  judge?: JudgeSpec;
}

/** Tests sent with a run, as persisted. */
export interface JudgeSpec {
  tests: Array<{ name: string; input: string; output?: string; points?: number }>;
  checker?: { type: 'exact' | 'lines' | 'tokens' | 'floats' | 'unordered'; absolute?: number; relative?: number; ignoreCase?: boolean };
}

/** One run as stored. Times are milliseconds since the epoch. */
export interface RunRecord {
  id: string;
  keyId: string | null;
  state: RunState;
  mode: RunMode;
  language: string;
  spec: RunSpec;
  result: RunResult | null;
  /** Why a run failed or was cancelled (our failure or a restart), in words: the whole message, shown as it is. */
  error: string | null;
  /** The catalogue code of a failure that had one (src/errors.ts), kept apart from the words so nothing parses them back. */
  errorCode: string | null;
  requestId: string;
  attempts: number;
  batchId: string | null;
  callbackUrl: string | null;
  webhookState: WebhookState;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** One webhook delivery attempt. */
export interface WebhookAttempt {
  runId: string;
  deliveryId: string;
  attempt: number;
  at: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** An API key as stored: only a hash of its secret. */
export interface KeyRecord {
  id: string;
  name: string;
  /** SHA-256 of the secret part, hex. */
  hash: string;
  createdAt: number;
  revokedAt: number | null;
  policy: Policy;
}

/** A run's final fields. */
export interface RunEnd {
  state: 'done' | 'failed' | 'cancelled';
  result?: RunResult | null;
  error?: string | null;
  errorCode?: string | null;
}

/** What a principal keeps stored (src/store/usage.ts), and when the oldest of its finished runs and submissions ended. */
export interface StorageUse {
  bytes: number;
  /** The retention sweep frees room from then on; null when nothing of it is finished. */
  oldestFinished: number | null;
}

/** What one purge deleted: rows, and the bytes they freed from their principals' counts. */
export interface Purged {
  rows: number;
  bytes: number;
}

/** Runs, webhook attempts and keys. Every method may be backed by a remote database. */
export interface Store {
  /** Persist new runs in one transaction (a batch is all or nothing). */
  createRuns(runs: RunRecord[]): Promise<void>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Whose a run is, its state and how many bytes it stores (spec, result, error): what reading it will cost, before reading it. */
  runSize(id: string): Promise<{ keyId: string | null; bytes: number; state: RunState } | undefined>;
  /** queued -> running and attempts + 1; undefined when the run is no longer queued (cancelled meanwhile). */
  startRun(id: string, at: number): Promise<RunRecord | undefined>;
  /** A retried job whose worker died: running -> running again with attempts + 1 (queued -> running as startRun); undefined when it has ended. */
  restartRun(id: string, at: number): Promise<RunRecord | undefined>;
  /** Record the end of a run that is queued or running; false if it had already ended. */
  finishRun(id: string, end: RunEnd, at: number): Promise<boolean>;
  /** running -> queued: the box was stopped by a shutdown and the run goes back in line. */
  requeueRun(id: string): Promise<void>;
  /** Runs that are queued or running, oldest first: what a restart must pick up. */
  unfinishedRuns(): Promise<RunRecord[]>;
  /** Finished runs whose webhook is still pending. */
  pendingWebhooks(): Promise<RunRecord[]>;
  setWebhookState(id: string, state: WebhookState): Promise<void>;
  addWebhookAttempt(a: WebhookAttempt): Promise<void>;
  webhookAttempts(runId: string): Promise<WebhookAttempt[]>;
  /** Runs a key (null: anonymous) created since a time: for quotas. */
  countRuns(keyId: string | null, since: number): Promise<number>;
  /**
   * Delete at most `limit` finished runs (webhook delivered or given up) that ended before a time, oldest first, and
   * free their bytes. Safe when several nodes purge at once: each row is deleted, and its bytes freed, once.
   */
  purge(before: number, limit?: number): Promise<Purged>;
  /** A principal's stored bytes (runs, submissions, problems and their archives together). */
  storageUse(keyId: string | null): Promise<StorageUse>;
  /** Every principal's stored bytes together: the metric. */
  storedBytes(): Promise<number>;
  createKey(key: KeyRecord): Promise<void>;
  getKey(id: string): Promise<KeyRecord | undefined>;
  listKeys(): Promise<KeyRecord[]>;
  /** false if there is no such key. */
  revokeKey(id: string, at: number): Promise<boolean>;
  close(): Promise<void>;
}
