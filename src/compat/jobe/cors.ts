// Jobe answers every request with open CORS headers and a preflight (OPTIONS) with nothing else, so that a browser
// page (Jobe's own checkcorsaccess.html, a CodeRunner-like front end) can call it directly.
import type { FastifyInstance } from 'fastify';

const HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'X-API-KEY, Origin, X-Requested-With, Content-Type, Accept, Access-Control-Request-Method',
  'access-control-allow-methods': 'GET, POST, OPTIONS, PUT, HEAD, DELETE',
};

/** Add the headers to every answer of the scope, and answer OPTIONS on any path with 200 and an empty body. */
export function jobeCors(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (req, reply) => {
    reply.headers(HEADERS);
  });
  scope.options('/*', { schema: { hide: true } }, async (req, reply) => reply.code(200).send(''));
}
