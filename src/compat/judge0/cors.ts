// Judge0 answers browsers through rack-cors (`origins ALLOW_ORIGIN; resource "*", headers: :any, methods: :any`), so
// that a page such as the Judge0 IDE can call it directly with X-Auth-Token and the SDKs' X-Judge0-App headers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Every Judge0 path a browser may ask about (the plugin may sit at "/", so no catch-all OPTIONS route: /v1 keeps its own). */
const PATHS = [
  '/submissions',
  '/submissions/batch',
  '/submissions/:token',
  '/languages',
  '/languages/all',
  '/languages/:id',
  '/statuses',
  '/about',
  '/version',
  '/config_info',
  '/system_info',
  '/isolate',
  '/license',
  '/statistics',
  '/workers',
  '/authenticate',
  '/authorize',
];
const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD';

/** Whether a request is a CORS preflight (answered before any key is asked for, as rack-cors does). */
export function isPreflight(req: FastifyRequest): boolean {
  return req.method === 'OPTIONS';
}

/** Open CORS headers on every answer of the scope, and a 200 preflight on each Judge0 path echoing the asked headers. */
export function judge0Cors(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('access-control-allow-origin', '*');
  });
  for (const path of PATHS) {
    scope.options(path, { schema: { hide: true } }, async (req, reply) => {
      const asked = req.headers['access-control-request-headers'];
      reply.headers({
        'access-control-allow-methods': METHODS,
        'access-control-max-age': '7200',
        ...(typeof asked === 'string' ? { 'access-control-allow-headers': asked } : {}),
      });
      return reply.code(200).send('');
    });
  }
}
