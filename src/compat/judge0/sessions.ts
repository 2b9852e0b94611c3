// Judge0's POST /authenticate and POST /authorize: whether the caller's token would be let in, with empty bodies.
import type { FastifyInstance } from 'fastify';

/**
 * Register both routes. The plugin's hook has already resolved X-Auth-Token (an empty 401 when keys are required
 * and it is not one), so /authenticate only confirms. /authorize is Judge0's check of X-Auth-User for the
 * administrative routes: 200 for an airlock key, an empty 403 otherwise, as a Judge0 without AUTHZ_TOKEN refuses all.
 */
export function sessionRoutes(scope: FastifyInstance): void {
  const tags = ['judge0'];
  scope.post('/authenticate', { schema: { tags, summary: 'Judge0: check the X-Auth-Token' } }, async (req, reply) => reply.code(200).send(''));
  scope.post('/authorize', { schema: { tags, summary: 'Judge0: check the X-Auth-User' } }, async (req, reply) =>
    reply.code(req.principal.keyId === null ? 403 : 200).send(''),
  );
}
