// `airlock worker`: a cluster's sandbox host; takes jobs from Redis, drains on SIGTERM (running boxes finish or go back in line).
import { startWorker } from '../worker.js';
import { nodeConfig, untilSignal } from './serve.js';

const help = `Usage: airlock worker --queue redis://… --store postgres://… [options]

Runs boxes for a cluster: takes jobs from BullMQ on Redis as its slots free up,
records results in PostgreSQL, and advertises its languages and slots. It serves
only /metrics and /v1/health on its port. SIGTERM drains it: no new jobs; running
boxes get server.shutdownTimeout seconds, then go back in line for another
worker. See docs/operations.md.

Options:
  --queue URL       redis://host:6379 (queue.redis), required
  --store URL       postgres://user@host/db (store.postgres), required
  --slots N         concurrent boxes (the number of cores)
  --port N          port of /metrics and /v1/health (8080)
  --host ADDR       address of /metrics and /v1/health (127.0.0.1)
  --data-dir DIR    staging, compile cache and problem packages (/var/lib/airlock)
  --config FILE     JSON configuration file
  --set KEY=VALUE   any setting by its dotted name
`;

export async function main(argv: string[]): Promise<number> {
  const config = nodeConfig(argv, help);
  if (!config) return 0;
  const running = await startWorker(config);
  running.log.info({ url: running.url, slots: config.slots, queue: config.queue.name }, 'airlock worker taking jobs');
  await untilSignal(running);
  return 0;
}
