// The Judge0 CE API (docs/compat.md): every route, with Judge0's error answers and X-Auth-Token keys.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../api/types.js';
import { compatAuth } from '../shared/principal.js';
import { installCompatErrors } from '../shared/errors.js';
import { batchRoutes } from './batch.js';
import { isPreflight, judge0Cors } from './cors.js';
import { judge0Error } from './errors.js';
import { infoRoutes } from './info.js';
import { Judge0Invalid } from './invalid.js';
import { sessionRoutes } from './sessions.js';
import { statisticsRoutes } from './statistics.js';
import { submissionRoutes } from './submissions.js';

/** A plugin for app.register; `rootPrefix` is true when mounted at "/", where the app's own 404 stays. */
export function judge0Plugin(deps: AppDeps, rootPrefix: boolean) {
  return async (scope: FastifyInstance) => {
    installCompatErrors(scope, deps.metrics, judge0Error, { own: (e) => (e instanceof Judge0Invalid ? judge0Error(e) : undefined), notFound: !rootPrefix });
    // Judge0's authentication header is X-Auth-Token, its authorization header X-Auth-User: either holds an airlock key.
    // Every Judge0 route needs a key when anonymous callers are refused (as Judge0 with authentication on).
    const resolve = compatAuth(scope, deps.store, deps.config, ['x-auth-token', 'x-auth-user']);
    judge0Cors(scope);
    scope.addHook('onRequest', async (req) => {
      if (!isPreflight(req)) req.principal = await resolve(req);
    });
    const auth = async (req: FastifyRequest) => req.principal;
    submissionRoutes(scope, deps, auth);
    batchRoutes(scope, deps, auth);
    infoRoutes(scope, deps);
    sessionRoutes(scope);
    statisticsRoutes(scope, deps);
  };
}
