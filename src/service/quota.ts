// A key's daily quota (runsPerDay): runs and submissions count together.
import { AirlockError } from '../errors.js';
import type { Principal } from '../auth/types.js';

/** How many runs and submissions a key (null: anonymous) made since a time. */
export type Usage = (keyId: string | null, since: number) => Promise<number>;

/** Throw AIRLOCK_ERR_QUOTA_EXCEEDED (429, Retry-After: the next UTC day) unless n more fit today. */
export async function checkQuota(who: Principal, n: number, usage: Usage): Promise<void> {
  const quota = who.policy.runsPerDay;
  if (quota === undefined) return;
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const used = await usage(who.keyId, day.getTime());
  if (used + n > quota) {
    const retryAfter = Math.ceil((day.getTime() + 86_400_000 - Date.now()) / 1000);
    throw new AirlockError('AIRLOCK_ERR_QUOTA_EXCEEDED', `${used} of ${quota} runs today`, { retryAfter });
  }
}
