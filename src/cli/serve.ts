// `airlock serve`: load the configuration once, start the service, stop gracefully on SIGTERM or SIGINT.
import { loadConfig } from '../config/load.js';
import { startServer } from '../server.js';
import { parse } from './args.js';

const help = `Usage: airlock serve [options]

Runs the HTTP API. Alone (the default) it is a whole service: SQLite store,
in-process queue, boxes on this host. With --queue and --store it is an API node
of a cluster: runs go to BullMQ on Redis and are run by \`airlock worker\`
processes; runs, problems and keys live in PostgreSQL. Every setting can also
come from a JSON file (--config or $AIRLOCK_CONFIG) and from AIRLOCK_* variables
(queue.maxLength -> AIRLOCK_QUEUE_MAX_LENGTH); flags win, then the environment,
then the file. See docs/api.md and docs/operations.md.

Options:
  --port N          TCP port (8080)
  --host ADDR       address to listen on (127.0.0.1)
  --data-dir DIR    database and staging directories (/var/lib/airlock)
  --slots N         concurrent boxes (the number of cores)
  --queue URL       cluster: redis://host:6379 (queue.redis)
  --store URL       cluster: postgres://user@host/db (store.postgres)
  --config FILE     JSON configuration file
  --set KEY=VALUE   any setting by its dotted name, e.g. --set queue.maxLength=50
`;

/** The options `serve` and `worker` share. */
export const nodeOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  slots: { type: 'string' },
  queue: { type: 'string' },
  store: { type: 'string' },
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  help: { type: 'boolean' },
} as const;

/** Flags and --set pairs as dotted paths for loadConfig. */
export function configFlags(values: {
  port?: string;
  host?: string;
  'data-dir'?: string;
  slots?: string;
  queue?: string;
  store?: string;
  set?: string[];
}): Record<string, unknown> {
  const flags: Record<string, unknown> = {
    port: values.port,
    host: values.host,
    dataDir: values['data-dir'],
    slots: values.slots,
    'queue.redis': values.queue,
    'store.postgres': values.store,
  };
  for (const pair of values.set ?? []) {
    const eq = pair.indexOf('=');
    flags[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? 'true' : pair.slice(eq + 1);
  }
  return flags;
}

/** Parse a node command's arguments into the frozen configuration, or print its help (undefined). */
export function nodeConfig(argv: string[], usage: string) {
  const { values } = parse(argv, nodeOptions);
  if (values.help) {
    process.stdout.write(usage);
    return undefined;
  }
  return loadConfig({ ...(values.config ? { file: values.config } : {}), env: process.env, flags: configFlags(values) });
}

/** Resolve once SIGTERM or SIGINT has stopped the process's service gracefully. */
export function untilSignal(running: {
  log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void };
  close(): Promise<void>;
}): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      running.log.info({ signal }, 'signal received');
      running.close().then(resolve, (err: unknown) => {
        running.log.error({ err }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export async function main(argv: string[]): Promise<number> {
  const config = nodeConfig(argv, help);
  if (!config) return 0;
  const running = await startServer(config);
  running.log.info({ url: running.url, role: running.parts.role, slots: config.slots, dataDir: config.dataDir }, 'airlock listening');
  await untilSignal(running);
  return 0;
}
