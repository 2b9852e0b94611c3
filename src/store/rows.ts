// Runs and keys as table rows, the same shape in SQLite and PostgreSQL (times as numbers, JSON as text).
import type { KeyRecord, RunRecord, WebhookAttempt, WebhookState } from './types.js';
import { textBytes } from './usage.js';

/** A runs row: JSON columns are text so that both backends store exactly what JSON.stringify wrote. */
export interface RunRow {
  id: string;
  key_id: string | null;
  state: RunRecord['state'];
  mode: RunRecord['mode'];
  language: string;
  spec: string;
  result: string | null;
  error: string | null;
  request_id: string;
  attempts: number;
  batch_id: string | null;
  callback_url: string | null;
  webhook_state: WebhookState;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  error_code: string | null;
  /** What the row counts against its principal's storage: spec, result and error text (src/store/usage.ts). */
  bytes: number;
}

/** An api_keys row. */
export interface KeyRow {
  id: string;
  name: string;
  hash: string;
  created_at: number;
  revoked_at: number | null;
  policy: string;
}

/** A webhook_attempts row. */
export interface AttemptRow {
  run_id: string;
  delivery_id: string;
  attempt: number;
  at: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** A run from its row. */
export const toRun = (r: RunRow): RunRecord => ({
  id: r.id,
  keyId: r.key_id,
  state: r.state,
  mode: r.mode,
  language: r.language,
  spec: JSON.parse(r.spec) as RunRecord['spec'],
  result: r.result === null ? null : (JSON.parse(r.result) as RunRecord['result']),
  error: r.error,
  requestId: r.request_id,
  attempts: r.attempts,
  batchId: r.batch_id,
  callbackUrl: r.callback_url,
  webhookState: r.webhook_state,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  errorCode: r.error_code,
});

/** A run's row, its columns in table order (PostgreSQL binds them by position). */
export const runRow = (r: RunRecord): RunRow => {
  const spec = JSON.stringify(r.spec);
  const result = r.result === null ? null : JSON.stringify(r.result);
  return { ...runColumns(r, spec, result), bytes: textBytes(spec, result, r.error) };
};

const runColumns = (r: RunRecord, spec: string, result: string | null): Omit<RunRow, 'bytes'> => ({
  id: r.id,
  key_id: r.keyId,
  state: r.state,
  mode: r.mode,
  language: r.language,
  spec,
  result,
  error: r.error,
  request_id: r.requestId,
  attempts: r.attempts,
  batch_id: r.batchId,
  callback_url: r.callbackUrl,
  webhook_state: r.webhookState,
  created_at: r.createdAt,
  started_at: r.startedAt,
  finished_at: r.finishedAt,
  error_code: r.errorCode,
});

/** A key from its row. */
export const toKey = (r: KeyRow): KeyRecord => ({
  id: r.id,
  name: r.name,
  hash: r.hash,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  policy: JSON.parse(r.policy) as KeyRecord['policy'],
});

/** A webhook attempt from its row. */
export const toAttempt = (r: AttemptRow): WebhookAttempt => ({
  runId: r.run_id,
  deliveryId: r.delivery_id,
  attempt: r.attempt,
  at: r.at,
  statusCode: r.status_code,
  error: r.error,
  durationMs: r.duration_ms,
});
