// How a job that threw ended: stopped by a shutdown (back in the queue), cancelled by its caller, or failed (ours).
import { isAirlockError } from '../errors.js';

/** The end of a job that did not produce a result. */
export type Stopped = { kind: 'requeue' } | { kind: 'cancelled' } | { kind: 'failed'; error: string };

/** Read the abort reason first: a cancelled box also throws, and the reason says why it was stopped. */
export function stoppedBy(signal: AbortSignal, e: unknown): Stopped {
  const reason = signal.aborted ? signal.reason : undefined;
  if (isAirlockError(reason, 'AIRLOCK_ERR_SHUTTING_DOWN')) return { kind: 'requeue' };
  if (isAirlockError(reason, 'AIRLOCK_ERR_CANCELLED')) return { kind: 'cancelled' };
  // Our failure (or a caller error the checks at submit time missed): recorded with its reason, never lost.
  return { kind: 'failed', error: isAirlockError(e) ? `${e.code}: ${e.message}` : `AIRLOCK_ERR_INTERNAL: ${(e as Error)?.message ?? e}` };
}
