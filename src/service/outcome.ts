// How a job that threw ended: stopped by a shutdown (back in the queue), cancelled by its caller, or failed (ours).
import { AirlockError, type ErrorCode, isAirlockError } from '../errors.js';

/** The end of a job that did not produce a result; a failure keeps its code and its message apart. */
export type Stopped = { kind: 'requeue' } | { kind: 'cancelled' } | { kind: 'failed'; error: string; code: ErrorCode };

/** Read the abort reason first: a cancelled box also throws, and the reason says why it was stopped. */
export function stoppedBy(signal: AbortSignal, e: unknown): Stopped {
  const reason: unknown = signal.aborted ? signal.reason : undefined;
  if (isAirlockError(reason, 'AIRLOCK_ERR_SHUTTING_DOWN')) return { kind: 'requeue' };
  if (isAirlockError(reason, 'AIRLOCK_ERR_CANCELLED')) return { kind: 'cancelled' };
  // Our failure (or a caller error the checks at submit time missed): recorded with its reason, never lost.
  if (isAirlockError(e)) return { kind: 'failed', error: e.message, code: e.code };
  return { kind: 'failed', error: new AirlockError('AIRLOCK_ERR_INTERNAL', String((e as Error)?.message ?? e)).message, code: 'AIRLOCK_ERR_INTERNAL' };
}
