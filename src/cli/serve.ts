// `airlock serve`: load the configuration once, start the service, stop gracefully on SIGTERM or SIGINT.
import { loadConfig } from '../config/load.js';
import { startServer } from '../server.js';
import { parse } from './args.js';

const help = `Usage: airlock serve [options]

Runs the HTTP API (SQLite store, in-process queue). Every setting can also come
from a JSON file (--config or $AIRLOCK_CONFIG) and from AIRLOCK_* variables
(queue.maxLength -> AIRLOCK_QUEUE_MAX_LENGTH); flags win, then the environment,
then the file. See docs/api.md for the settings.

Options:
  --port N          TCP port (8080)
  --host ADDR       address to listen on (127.0.0.1)
  --data-dir DIR    database and staging directories (/var/lib/airlock)
  --slots N         concurrent boxes (the number of cores)
  --config FILE     JSON configuration file
  --set KEY=VALUE   any setting by its dotted name, e.g. --set queue.maxLength=50
`;

/** Flags and --set pairs as dotted paths for loadConfig. */
export function configFlags(values: { port?: string; host?: string; 'data-dir'?: string; slots?: string; set?: string[] }): Record<string, unknown> {
  const flags: Record<string, unknown> = { port: values.port, host: values.host, dataDir: values['data-dir'], slots: values.slots };
  for (const pair of values.set ?? []) {
    const eq = pair.indexOf('=');
    flags[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? 'true' : pair.slice(eq + 1);
  }
  return flags;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    slots: { type: 'string' },
    config: { type: 'string' },
    set: { type: 'string', multiple: true },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const config = loadConfig({ ...(values.config ? { file: values.config } : {}), env: process.env, flags: configFlags(values) });
  const running = await startServer(config);
  running.log.info({ url: running.url, slots: config.slots, dataDir: config.dataDir }, 'airlock listening');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      running.log.info({ signal }, 'signal received');
      running.close().then(resolve, (err) => {
        running.log.error({ err }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}
