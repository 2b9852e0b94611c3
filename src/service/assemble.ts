// Build the service's parts from the configuration: store, queue, engine, webhooks, metrics. No sockets, no signals.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { Engine } from '../engine/execute.js';
import { InProcessQueue } from '../queue/memory.js';
import type { JobQueue } from '../queue/types.js';
import { SlotPool } from '../sandbox/slots.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { RunEvents } from './events.js';
import { startServiceDaemon } from './daemon.js';
import { createMetrics, type Metrics } from './metrics.js';
import { RunService } from './runs.js';
import { PackageFiles } from './packages.js';
import { PreparedProblems } from './prepared.js';
import { withOutputCeiling } from './problem-limits.js';
import { ProblemService } from './problems.js';
import type { Usage } from './quota.js';
import { SubmissionBus } from './submission-bus.js';
import { SubmissionService } from './submissions.js';
import { openSqliteProblemStore } from '../store/sqlite-problems.js';
import type { ProblemStore } from '../store/problem-types.js';
import { defaultRunLimits } from '../sandbox/limits.js';
import { Webhooks } from './webhooks.js';

/** The assembled service; `close` stops it gracefully (running boxes get `shutdownTimeout`). */
export interface Parts {
  config: Readonly<Config>;
  store: Store;
  queue: JobQueue;
  engine: Engine;
  metrics: Metrics;
  service: RunService;
  problemStore: ProblemStore;
  problems: ProblemService;
  submissions: SubmissionService;
  /** Wakes the event streams of submissions. */
  bus: SubmissionBus;
  close(): Promise<void>;
}

/** The webhook key: from the configuration, or made once and kept (0600) in the data directory. */
function webhookSecret(config: Readonly<Config>): string {
  if (config.webhooks.secret) return config.webhooks.secret;
  const file = join(config.dataDir, 'webhook-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/** The server's ceilings in the engine's terms. */
function ceilingsOf(config: Readonly<Config>) {
  const c = config.ceilings;
  return { cpuTime: c.cpuTime, wallTime: c.wallTime, memory: c.memory, processes: c.processes, output: c.output, fileSize: c.fileSize };
}

/** Open the store, recover unfinished runs and start taking jobs. */
export async function assemble(config: Readonly<Config>, log: Logger): Promise<Parts> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const workDir = join(config.dataDir, 'work');
  // Staging directories left by a killed process belong to nobody now.
  rmSync(workDir, { recursive: true, force: true });
  const store = openSqliteStore(join(config.dataDir, 'airlock.db'));
  const problemStore = openSqliteProblemStore(join(config.dataDir, 'airlock.db'));
  const queue = new InProcessQueue({ concurrency: config.slots, maxLength: config.queue.maxLength });
  const engine = new Engine({
    workDir,
    slots: new SlotPool(config.slots, config.slotBase),
    sandbox: {
      ...(config.sandbox.stateDir ? { stateDir: config.sandbox.stateDir } : {}),
      ...(config.sandbox.cgroup ? { cgroup: config.sandbox.cgroup } : {}),
      ...(config.sandbox.cgroupRoot ? { cgroupRoot: config.sandbox.cgroupRoot } : {}),
      ...(config.sandbox.uidBase ? { uidBase: config.sandbox.uidBase } : {}),
    },
    // The judge lowers its jury's limits to these and refuses packages whose tests ask for more.
    ceiling: { ...defaultRunLimits, ...ceilingsOf(config), disk: Infinity, inodes: Infinity, openFiles: Infinity, stack: Infinity },
  });
  const stopDaemon = config.sandbox.daemon ? await startServiceDaemon(config.sandbox.stateDir, log) : () => {};
  const metrics = createMetrics(queue);
  const events = new RunEvents();
  const webhooks = new Webhooks({ store, secret: webhookSecret(config), config: config.webhooks, log, metrics });
  const usage: Usage = async (key, since) => (await store.countRuns(key, since)) + (await problemStore.countSubmissions(key, since));
  const service = new RunService({ config, store, queue, engine, events, webhooks, metrics, log, usage });
  const { maxUnpackedBytes: maxBytes, maxFiles, maxDepth } = config.problems;
  const prepared = new PreparedProblems(engine, config.problems.preparedCache, (p) => withOutputCeiling(p, config.ceilings.output));
  const problems = new ProblemService({ config, problems: problemStore, files: new PackageFiles(config.dataDir, { maxBytes, maxFiles, maxDepth }), prepared, log });
  const bus = new SubmissionBus();
  const submissions = new SubmissionService({ config, store: problemStore, problems, queue, engine, bus, usage, metrics, log });
  await problems.sweep();
  await service.recover();
  await submissions.recover();
  // One queue, one handler: a job names a run or a submission, both fair across keys and bounded together.
  queue.start((job, signal) => (job.kind === 'submission' ? submissions.process(job, signal) : service.process(job, signal)));

  const purge = async () => {
    const before = Date.now() - config.runs.retentionDays * 86_400_000;
    const n = await store.purge(before);
    const s = await problemStore.purgeSubmissions(before);
    if (n || s) log.info({ purged: n, submissions: s }, 'purged old runs');
  };
  await purge();
  const timer = setInterval(() => purge().catch((err) => log.error({ err }, 'purge failed')), 3_600_000).unref();

  return {
    config,
    store,
    queue,
    engine,
    metrics,
    service,
    problemStore,
    problems,
    submissions,
    bus,
    async close() {
      clearInterval(timer);
      submissions.shutdown();
      await service.shutdown(config.server.shutdownTimeout * 1000);
      await prepared.close();
      stopDaemon();
      await problemStore.close();
      await store.close();
    },
  };
}
