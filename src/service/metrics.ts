// Prometheus metrics of one service process, on a registry of its own (tests build many apps in one process).
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { JobQueue } from '../queue/types.js';

/** The metrics the service updates and /metrics exposes. */
export interface Metrics {
  registry: Registry;
  runs: Counter<'language' | 'status'>;
  stage: Histogram<'stage'>;
  overhead: Histogram;
  webhooks: Counter<'outcome'>;
  rejected: Counter<'code'>;
  submissions: Counter<'language' | 'verdict'>;
  /** Bytes the retention sweep freed on this node, and the rows it deleted by kind (run, submission). */
  sweptBytes: Counter;
  sweptRows: Counter<'kind'>;
  /** Requests refused by the storage quota, by what they would have stored (run, submission, problem). */
  storageRefused: Counter<'kind'>;
}

/** Build the registry; queue depth is read from the queue, and stored bytes from the store, when scraped. */
export function createMetrics(queue: JobQueue, storedBytes?: () => Promise<number>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'airlock_' });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
  new Gauge({
    name: 'airlock_queue_waiting',
    help: 'runs waiting for a sandbox slot',
    registers: [registry],
    async collect() {
      this.set((await queue.stats()).waiting);
    },
  });
  new Gauge({
    name: 'airlock_queue_running',
    help: 'runs in a sandbox now',
    registers: [registry],
    async collect() {
      this.set((await queue.stats()).running);
    },
  });
  if (storedBytes) {
    new Gauge({
      name: 'airlock_stored_bytes',
      help: 'bytes every principal keeps stored together (runs, submissions, problems): what the storage quotas count',
      registers: [registry],
      async collect() {
        // A store out of reach keeps the last value: the scrape still answers with everything else.
        await storedBytes().then(
          (n) => this.set(n),
          () => {},
        );
      },
    });
  }
  return {
    registry,
    runs: new Counter({ name: 'airlock_runs_total', help: 'finished runs by language and status', labelNames: ['language', 'status'], registers: [registry] }),
    stage: new Histogram({
      name: 'airlock_stage_seconds',
      help: 'time per stage: queue (waiting), compile, run, total',
      labelNames: ['stage'],
      buckets,
      registers: [registry],
    }),
    overhead: new Histogram({
      name: 'airlock_sandbox_overhead_seconds',
      help: "time around the program's own wall time: staging, box setup and teardown",
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    webhooks: new Counter({
      name: 'airlock_webhook_deliveries_total',
      help: 'webhook delivery attempts by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    rejected: new Counter({ name: 'airlock_rejected_total', help: 'requests refused, by error code', labelNames: ['code'], registers: [registry] }),
    sweptBytes: new Counter({ name: 'airlock_storage_swept_bytes_total', help: 'bytes freed by the retention sweep on this node', registers: [registry] }),
    sweptRows: new Counter({
      name: 'airlock_storage_swept_total',
      help: 'runs and submissions deleted by the retention sweep on this node',
      labelNames: ['kind'],
      registers: [registry],
    }),
    storageRefused: new Counter({
      name: 'airlock_storage_quota_refusals_total',
      help: 'requests refused because their key is at its storage quota, by what they would store',
      labelNames: ['kind'],
      registers: [registry],
    }),
    submissions: new Counter({
      name: 'airlock_submissions_total',
      help: 'ended submissions by language and verdict (or state when not judged)',
      labelNames: ['language', 'verdict'],
      registers: [registry],
    }),
  };
}
