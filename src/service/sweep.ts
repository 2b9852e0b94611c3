// The retention sweep: finished runs and submissions older than runs.retentionDays are deleted (rows, with their spec
// and output), and their bytes freed from their keys' storage counts. Runs that are queued or running, and runs whose
// webhook is still pending, are never deleted; problems stay until their owner deletes them.
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { ProblemStore } from '../store/problem-types.js';
import type { Purged, Store } from '../store/types.js';
import { PURGE_BATCH } from '../store/usage.js';
import type { Metrics } from './metrics.js';

/** What one sweep deleted. */
export interface Swept {
  runs: number;
  submissions: number;
  bytes: number;
}

/** What the sweep needs. */
export interface SweepDeps {
  config: Readonly<Config>;
  store: Store;
  problemStore: ProblemStore;
  metrics: Metrics;
  log: Logger;
}

/**
 * Delete what ended before the retention period, batch by batch (short transactions: writers never wait long).
 * Safe on several nodes at once: each row is deleted, and its bytes freed, by one of them (src/store). `stopped`
 * ends it between batches.
 */
export async function sweepOnce(deps: SweepDeps, stopped: () => boolean = () => false): Promise<Swept> {
  const before = Date.now() - deps.config.runs.retentionDays * 86_400_000;
  const drain = async (kind: 'run' | 'submission', purge: (before: number, limit: number) => Promise<Purged>) => {
    let rows = 0;
    let bytes = 0;
    for (let p: Purged | undefined; !stopped() && (p === undefined || p.rows === PURGE_BATCH);) {
      p = await purge(before, PURGE_BATCH);
      rows += p.rows;
      bytes += p.bytes;
      deps.metrics.sweptRows.inc({ kind }, p.rows);
      deps.metrics.sweptBytes.inc(p.bytes);
    }
    return { rows, bytes };
  };
  const runs = await drain('run', (b, n) => deps.store.purge(b, n));
  const subs = await drain('submission', (b, n) => deps.problemStore.purgeSubmissions(b, n));
  const swept = { runs: runs.rows, submissions: subs.rows, bytes: runs.bytes + subs.bytes };
  if (swept.runs || swept.submissions) deps.log.info(swept, 'retention sweep deleted finished runs and submissions');
  return swept;
}

/** Sweep now and every storage.sweepInterval; stop() waits for a sweep in progress to end its batch. */
export function startSweeps(deps: SweepDeps): { stop(): Promise<void> } {
  let stopping = false;
  let running = false;
  let current: Promise<unknown> = Promise.resolve();
  // A sweep still going when the next is due (a large backlog) is left to finish: one at a time per node.
  const tick = () => {
    if (running) return;
    running = true;
    current = sweepOnce(deps, () => stopping)
      .catch((err) => deps.log.error({ err }, 'retention sweep failed'))
      .finally(() => (running = false));
  };
  tick();
  const timer = setInterval(tick, deps.config.storage.sweepInterval * 1000).unref();
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await current;
    },
  };
}
