// The HTTP server of the service and of a worker's status port: every phase of a request has a deadline from config.
import { createServer, type Server } from 'node:http';
import type { Config } from './config/schema.js';

/** Threat: slowloris and idle sockets holding connections; every phase of a request has a deadline. */
export function httpServer(config: Readonly<Config>) {
  const s = config.server;
  return (handler: Parameters<typeof createServer>[1]): Server => {
    const server = createServer(
      {
        headersTimeout: s.headersTimeout * 1000, // the whole header block, however slowly it trickles
        requestTimeout: s.requestTimeout * 1000, // headers and body together
        keepAliveTimeout: s.keepAliveTimeout * 1000,
        // Node checks the two timeouts above only this often (default 30 s): check every second.
        connectionsCheckingInterval: 1000,
      },
      handler,
    );
    server.maxConnections = s.maxConnections;
    return server;
  };
}
