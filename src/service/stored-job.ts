// The queue job of a run or submission already in the store: what recovery adds again after a start.
import { groupOf } from '../auth/principal.js';
import type { Job } from '../queue/types.js';

/** A job for a stored record, in its key's fairness group. */
export function storedJob(kind: 'run' | 'submission', r: { id: string; keyId: string | null; requestId: string }): Job {
  return { id: r.id, kind, group: groupOf(r.keyId), requestId: r.requestId };
}
