// A stored run as the API shows it (GET /v1/runs/:id, the sync answer, and the webhook body).
import type { RunView } from '../../contracts/run.js';
import type { RunRecord, WebhookAttempt } from '../../store/types.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The public view of a run; the spec (source, stdin) is never echoed back. */
export function toView(run: RunRecord, attempts: WebhookAttempt[] = []): RunView {
  return {
    id: run.id,
    state: run.state,
    mode: run.mode,
    language: run.language,
    attempts: run.attempts,
    batchId: run.batchId,
    createdAt: new Date(run.createdAt).toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    result: run.result,
    error: run.error,
    errorCode: run.errorCode,
    webhook: run.callbackUrl
      ? {
          url: run.callbackUrl,
          state: run.webhookState,
          attempts: attempts.map((a) => ({
            deliveryId: a.deliveryId,
            attempt: a.attempt,
            at: new Date(a.at).toISOString(),
            statusCode: a.statusCode,
            error: a.error,
            durationMs: a.durationMs,
          })),
        }
      : null,
  };
}
