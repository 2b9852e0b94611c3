// Process wiring: logger, HTTP server timeouts against slowloris, listen, graceful close.
import pino, { type Logger } from 'pino';
import type { App } from './api/types.js';
import type { Config } from './config/schema.js';
import { languages } from './languages/definitions.js';
import { isInstalled, languageVersion } from './languages/registry.js';
import { doctor } from './sandbox/doctor.js';
import { assembleNode, buildNodeApp } from './compose.js';
import type { Parts } from './service/assemble.js';
import { clusterDoctor } from './service/cluster-health.js';
import { httpServer } from './http-server.js';

/** A listening service. */
export interface Running {
  app: App;
  parts: Parts;
  log: Logger;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/** Start the service on the configured address; resolves once it listens. */
export async function startServer(config: Readonly<Config>, log: Logger = pino({ level: config.logLevel })): Promise<Running> {
  const parts = await assembleNode(config, log);
  const app = await buildNodeApp(
    {
      config,
      service: parts.service,
      store: parts.store,
      queue: parts.queue,
      metrics: parts.metrics,
      judging: parts,
      doctor: parts.bull ? clusterDoctor(parts.bull) : doctor,
    },
    {
      loggerInstance: log,
      serverFactory: httpServer(config),
      requestTimeout: config.server.requestTimeout * 1000,
      keepAliveTimeout: config.server.keepAliveTimeout * 1000,
      forceCloseConnections: 'idle',
    },
  );
  const url = await app.listen({ host: config.host, port: config.port });
  // Read every installed language's version now (cached for the process), not on the first GET /v1/languages.
  for (const l of languages) if (isInstalled(l)) void languageVersion(l);
  let closing: Promise<void> | undefined;
  return {
    app,
    parts,
    log,
    url,
    close: () =>
      (closing ??= (async () => {
        log.info('shutting down: no new runs; running boxes get %d s', config.server.shutdownTimeout);
        await parts.service.shutdown(config.server.shutdownTimeout * 1000);
        await app.close();
        await parts.close();
        log.info('stopped');
      })()),
  };
}
