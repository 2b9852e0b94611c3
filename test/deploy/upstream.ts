// The test's stand-in for `airlock serve` behind nginx: HTTP that counts requests, and a WebSocket
// handshake that echoes what it receives.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** A running upstream and what it has seen. */
export interface Upstream {
  port: number;
  requests: number;
  lastHeaders: IncomingHttpHeaders | undefined;
  close(): Promise<void>;
}

/** The Sec-WebSocket-Accept answer for a key (RFC 6455). */
export function wsAccept(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC11B85`).digest('base64');
}

/** Start the upstream on a free port of 127.0.0.1. */
export async function startUpstream(): Promise<Upstream> {
  const state: Upstream = { port: 0, requests: 0, lastHeaders: undefined, close: async () => {} };
  const server: Server = createServer((req, res) => {
    state.requests++;
    state.lastHeaders = req.headers;
    req.resume();
    req.on('end', () => res.end(`ok ${req.method} ${req.url}\n`));
  });
  server.on('upgrade', (req, socket) => {
    state.lastHeaders = req.headers;
    const key = String(req.headers['sec-websocket-key'] ?? '');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${wsAccept(key)}\r\n\r\n`);
    socket.pipe(socket); // echo: whatever the client sends comes back through nginx
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as { port: number }).port;
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
