// Who is asking: the key (or anonymous caller) a request acts for.
import type { Policy } from '../config/schema.js';

/** The caller of a request after authentication. */
export interface Principal {
  /** The API key's id; null for anonymous callers. */
  keyId: string | null;
  /** Fairness group in the queue and the rate limiter. */
  group: string;
  /** The key's policy over the server's default policy. */
  policy: Policy;
}
