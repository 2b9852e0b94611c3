// The storage quota: what a principal keeps stored (counted by the store, src/store/usage.ts) bounds what it may add.
// Threat: a key (or the anonymous callers) filling the data directory or the database with sources and outputs until
// the host stops for everyone; 12 runs printing 16 MiB each added 208 MiB in 21 s.
import type { Principal } from '../auth/types.js';
import type { Config } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import type { StorageUse } from '../store/types.js';
import type { Metrics } from './metrics.js';

/** What the quota refuses: a run (or batch), a submission, a problem upload. */
export type StoredKind = 'run' | 'submission' | 'problem';

/** Checks new work against its principal's storage quota, before anything of it is stored. */
export class StorageQuota {
  constructor(private readonly deps: { config: Readonly<Config>; use: (keyId: string | null) => Promise<StorageUse>; metrics: Metrics }) {}

  /** The principal's quota: its policy's storageBytes, else storage.quotaBytes. */
  quotaOf(who: Principal): number {
    return who.policy.storageBytes ?? this.deps.config.storage.quotaBytes;
  }

  /**
   * Throw AIRLOCK_ERR_STORAGE_QUOTA_EXCEEDED unless `incoming` more bytes fit. What accepted work prints later is
   * never refused (a run once accepted always keeps its result): a key may end above its quota by the output of its
   * runs in flight, and is refused until the sweep brings it below again.
   */
  async check(who: Principal, incoming: number, kind: StoredKind): Promise<void> {
    const quota = this.quotaOf(who);
    const use = await this.deps.use(who.keyId);
    if (use.bytes + incoming <= quota) return;
    this.deps.metrics.storageRefused.inc({ kind });
    const { retentionDays } = this.deps.config.runs;
    const said = `${use.bytes} of ${quota} bytes stored, and this ${kind} adds ${incoming}`;
    if (incoming > quota) throw new AirlockError('AIRLOCK_ERR_STORAGE_QUOTA_EXCEEDED', `${said}: more than the whole quota`);
    if (use.oldestFinished === null) {
      throw new AirlockError(
        'AIRLOCK_ERR_STORAGE_QUOTA_EXCEEDED',
        `${said}; nothing of it expires (finished runs and submissions are deleted ${retentionDays} days after they end): delete a problem`,
      );
    }
    // The sweep that follows the oldest finished one's expiry deletes it: no retry can succeed before.
    const expires = use.oldestFinished + retentionDays * 86_400_000;
    const retryAfter = Math.max(0, (expires - Date.now()) / 1000) + this.deps.config.storage.sweepInterval;
    throw new AirlockError('AIRLOCK_ERR_STORAGE_QUOTA_EXCEEDED', `${said}; finished runs and submissions are deleted ${retentionDays} days after they end`, {
      retryAfter,
    });
  }
}
