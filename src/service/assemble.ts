// Build the service's parts from the configuration: store, queue, engine, webhooks, metrics. No sockets, no signals.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { Engine } from '../engine/execute.js';
import { claimWorkRoot } from '../engine/work-root.js';
import { AirlockError } from '../errors.js';
import type { BullQueue } from '../queue/bullmq.js';
import type { JobQueue } from '../queue/types.js';
import { SlotPool } from '../sandbox/slots.js';
import type { Store } from '../store/types.js';
import { openBackends } from './backends.js';
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
import { StorageQuota } from './storage-quota.js';
import { startSweeps, sweepOnce, type Swept } from './sweep.js';
import type { ProblemStore } from '../store/problem-types.js';
import { useLauncher } from '../sandbox/launcher.js';
import { defaultRunLimits } from '../sandbox/limits.js';
import { type WebhookFormat, Webhooks } from './webhooks.js';

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
  role: Role;
  /** The cluster's queue, when this node is part of one. */
  bull: BullQueue | undefined;
  /** One retention sweep now (they also run every storage.sweepInterval on single and API nodes). */
  sweep(): Promise<Swept>;
  close(): Promise<void>;
}

/** The webhook key: from the configuration, or made once and kept (0600) in the data directory. */
function webhookSecret(config: Readonly<Config>): string {
  if (config.webhooks.secret) return config.webhooks.secret;
  // Any node of a cluster may deliver a run's webhook: one key per data directory would sign them differently.
  if (config.queue.redis) throw new AirlockError('AIRLOCK_ERR_BAD_CONFIG', 'webhooks.secret: a cluster (queue.redis) needs the same key set on every node');
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

/**
 * What a process is: the single node (HTTP API and boxes, the default), a cluster's API node (HTTP API, jobs run
 * elsewhere) or a cluster's worker (boxes, no public API). The last two need queue.redis and store.postgres.
 */
export type Role = 'single' | 'api' | 'worker';

/** What the layers above the service plug into it (src/compose.ts supplies them). */
export interface Plugins {
  /** The method and body of each run's webhook, in the shape of the API that started the run. */
  webhookFormat: WebhookFormat;
}

/** Open the store, recover unfinished runs and start taking jobs (unless this is an API node of a cluster). */
export async function assemble(config: Readonly<Config>, log: Logger, plugins: Plugins, role: Role = config.queue.redis ? 'api' : 'single'): Promise<Parts> {
  if (role !== 'single' && !config.queue.redis) throw new AirlockError('AIRLOCK_ERR_BAD_CONFIG', `a cluster ${role} node needs queue.redis and store.postgres`);
  if (role === 'single' && config.queue.redis)
    throw new AirlockError('AIRLOCK_ERR_BAD_CONFIG', 'queue.redis is set: this node is an API node or a worker of a cluster, not a single node');
  const cluster = role !== 'single';
  // The launcher runs as root: only the validated sandbox.launcher (or the repository's build), never the raw environment.
  useLauncher(config.sandbox.launcher);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // Our own staging root: what killed processes left is removed, what live ones (sharing the data dir) use is kept.
  const workDir = claimWorkRoot(join(config.dataDir, 'work'));
  const { store, problemStore, queue, bull } = await openBackends(config, log);
  const engine = new Engine({
    workDir,
    slots: new SlotPool(config.slots, config.slotBase),
    // One compile per (language, version, sources, options): judged tests and resubmissions reuse it.
    compileCache: { dir: join(config.dataDir, 'compile-cache') },
    // Our slots are ours alone: a busy one is a launcher of a killed predecessor, finishing its teardown.
    busySlotWait: 30_000,
    sandbox: {
      ...(config.sandbox.stateDir ? { stateDir: config.sandbox.stateDir } : {}),
      ...(config.sandbox.cgroup ? { cgroup: config.sandbox.cgroup } : {}),
      ...(config.sandbox.cgroupRoot ? { cgroupRoot: config.sandbox.cgroupRoot } : {}),
      ...(config.sandbox.uidBase ? { uidBase: config.sandbox.uidBase } : {}),
    },
    // The judge lowers its jury's limits to these and refuses packages whose tests ask for more.
    ceiling: { ...defaultRunLimits, ...ceilingsOf(config), disk: Infinity, inodes: Infinity, openFiles: Infinity, stack: Infinity },
  });
  // An API node of a cluster runs no boxes: no launcher daemon.
  const stopDaemon = config.sandbox.daemon && role !== 'api' ? await startServiceDaemon(config.sandbox.stateDir, log) : () => {};
  const metrics = createMetrics(queue, () => store.storedBytes());
  const storage = new StorageQuota({ config, use: (keyId) => store.storageUse(keyId), metrics });
  const events = new RunEvents();
  const webhooks = new Webhooks({ store, secret: webhookSecret(config), config: config.webhooks, log, metrics, format: plugins.webhookFormat });
  const usage: Usage = async (key, since) => (await store.countRuns(key, since)) + (await problemStore.countSubmissions(key, since));
  const service = new RunService({ config, store, queue, engine, events, webhooks, metrics, log, usage, storage, cluster });
  const { maxUnpackedBytes: maxBytes, maxFiles, maxDepth } = config.problems;
  const prepared = new PreparedProblems(engine, config.problems.preparedCache, (p) => withOutputCeiling(p, config.ceilings.output));
  const files = new PackageFiles(config.dataDir, { maxBytes, maxFiles, maxDepth });
  const problems = new ProblemService({ config, problems: problemStore, files, prepared, log, storage, shared: cluster });
  const bus = new SubmissionBus();
  const submissions = new SubmissionService({ config, store: problemStore, problems, queue, engine, bus, usage, storage, metrics, log, cluster });
  await problems.sweep();
  // Jobs that end on any node wake this node's waiters; one BullMQ gave up on is recorded as failed, with why.
  bull?.onEnded((id, failedReason) => {
    service.endedElsewhere(id);
    bus.notify(id);
    if (failedReason) {
      service.lost(id, failedReason).catch((err) => log.error({ err, id }, 'recording a lost job failed'));
      submissions.lost(id, failedReason).catch((err) => log.error({ err, id }, 'recording a lost job failed'));
    }
  });
  // Recovery is the API side's: a worker starting must not re-add what other workers are running.
  if (role !== 'worker') {
    await service.recover();
    await submissions.recover();
  }
  // One queue, one handler: a job names a run or a submission, both fair across keys and bounded together.
  if (role !== 'api') queue.start((job, signal) => (job.kind === 'submission' ? submissions.process(job, signal) : service.process(job, signal)));

  // The API side owns the store's upkeep (as recovery): workers do not sweep.
  const sweepDeps = { config, store, problemStore, metrics, log };
  const sweeps = role !== 'worker' ? startSweeps(sweepDeps) : undefined;

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
    role,
    bull,
    sweep: () => sweepOnce(sweepDeps),
    async close() {
      await sweeps?.stop();
      submissions.shutdown();
      await service.shutdown(config.server.shutdownTimeout * 1000);
      await prepared.close();
      stopDaemon();
      await problemStore.close();
      await store.close();
      rmSync(workDir, { recursive: true, force: true }); // boxes are done: nothing of ours is staged any more
    },
  };
}
