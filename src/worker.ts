// Process wiring of a cluster worker: it runs boxes for jobs from Redis and answers only /metrics and /v1/health
// (for Prometheus and orchestrators) on its port; the public API is the API nodes'.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { Config } from './config/schema.js';
import { assembleNode } from './compose.js';
import { httpServer } from './http-server.js';
import type { Parts } from './service/assemble.js';

/** A running worker. */
export interface RunningWorker {
  parts: Parts;
  log: Logger;
  /** Where /metrics and /v1/health answer. */
  url: string;
  close(): Promise<void>;
}

/** Start taking jobs; resolves once the worker listens and has joined the queue. */
export async function startWorker(config: Readonly<Config>, log: Logger = pino({ level: config.logLevel })): Promise<RunningWorker> {
  const parts = await assembleNode(config, log, 'worker');
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics' && config.metrics) {
      res.writeHead(200, { 'content-type': parts.metrics.registry.contentType }).end(await parts.metrics.registry.metrics());
    } else if (req.method === 'GET' && path === '/v1/health') {
      const ready = parts.service.ready;
      const body = { status: ready ? 'ok' : 'unavailable', live: true, ready, role: 'worker', queue: await parts.queue.stats() };
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    } else {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'AIRLOCK_ERR_NOT_FOUND', message: 'Not found: a worker serves only /metrics and /v1/health' } }));
    }
  };
  // The same deadlines as the API's server (server.*): the status port faces the same slowloris.
  const server = httpServer(config)((req, res) => {
    handle(req, res).catch((err) => {
      log.error({ err }, 'worker status request failed');
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'AIRLOCK_ERR_INTERNAL', message: 'Internal error: status unavailable' } }));
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    parts,
    log,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        log.info('draining: no new jobs; running boxes get %d s, then go back in line', config.server.shutdownTimeout);
        await parts.service.shutdown(config.server.shutdownTimeout * 1000);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await parts.close();
        log.info('stopped');
      })()),
  };
}
