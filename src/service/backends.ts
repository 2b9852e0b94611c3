// Which store and queue a node uses: SQLite and the in-process queue by default; PostgreSQL and BullMQ on Redis
// when the configuration names them (scale-out). Both pairs sit behind the same interfaces. The cluster's modules
// (bullmq with ioredis, pg: about 45 MiB of the process's memory once loaded) load only when configured.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import { languages } from '../languages/definitions.js';
import { isInstalled } from '../languages/registry.js';
import type { BullQueue } from '../queue/bullmq.js';
import { InProcessQueue } from '../queue/memory.js';
import type { JobQueue } from '../queue/types.js';
import type { ProblemStore } from '../store/problem-types.js';
import { openSqliteProblemStore } from '../store/sqlite-problems.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';

/** The persistence and queue of one node. `bull` is set in a cluster. */
export interface Backends {
  store: Store;
  problemStore: ProblemStore;
  queue: JobQueue;
  bull: BullQueue | undefined;
}

/** The runs-and-keys store the configuration names (also what `airlock keys` edits). */
export async function openStore(config: Readonly<Config>): Promise<Store> {
  const pg = config.store.postgres;
  if (!pg) return openSqliteStore(join(config.dataDir, 'airlock.db'));
  const { openPostgresStore } = await import('../store/postgres.js');
  return openPostgresStore(pg, { max: config.store.poolSize });
}

/** Open the configured backends; a cluster node waits until Redis answers. */
export async function openBackends(config: Readonly<Config>, log: Logger): Promise<Backends> {
  const pg = config.store.postgres;
  if (config.queue.redis && !pg) {
    // Nodes of a cluster share runs and problems: a SQLite file on one machine cannot be that.
    throw new AirlockError('AIRLOCK_ERR_BAD_CONFIG', 'queue.redis (a cluster) needs store.postgres: set both, or neither for a single node');
  }
  const store = await openStore(config);
  const problemStore = pg
    ? await (await import('../store/postgres-problems.js')).openPostgresProblemStore(pg, { max: config.store.poolSize })
    : openSqliteProblemStore(join(config.dataDir, 'airlock.db'));
  if (!config.queue.redis) {
    return { store, problemStore, queue: new InProcessQueue({ concurrency: config.slots, maxLength: config.queue.maxLength }), bull: undefined };
  }
  const { BullQueue } = await import('../queue/bullmq.js');
  const bull = new BullQueue({
    url: config.queue.redis,
    name: config.queue.name,
    maxLength: config.queue.maxLength,
    concurrency: config.slots,
    lockSeconds: config.queue.lockSeconds,
    maxAttempts: config.runs.maxAttempts,
    languages: languages.filter(isInstalled).map((l) => l.id),
    log,
  });
  await bull.ready();
  return { store, problemStore, queue: bull, bull };
}
