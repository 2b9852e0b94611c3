// The app factory: plugins, routes and error handlers; no listen (src/server.ts wires the process).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { installAuth, installKeyLimiter } from './auth.js';
import { installBigAnswers } from './big-answers.js';
import { installErrorHandlers } from './errors.js';
import { installJsonParser } from './json.js';
import { batchRoutes } from './routes/batch.js';
import { healthRoutes } from './routes/health.js';
import { languageRoutes } from './routes/languages.js';
import { runRoutes } from './routes/runs.js';
import { streamRoutes } from './routes/stream.js';
import { problemRoutes } from './routes/problems.js';
import { submissionEventRoutes } from './routes/submission-events.js';
import { submissionRoutes } from './routes/submissions.js';
import { webRoutes } from './routes/web.js';
import type { App, AppDeps } from './types.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** An API mounted beside /v1 (the compatibility APIs): registered by the node's wiring (src/compose.ts), not here. */
export type ApiPlugin = (app: App, deps: AppDeps) => Promise<void>;

/**
 * Build the app; `options` carries what the process decides (logger, server factory, timeouts), `apis` the other
 * APIs served beside the native one.
 */
export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}, apis: ApiPlugin[] = []): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    bodyLimit: config.server.bodyLimit,
    // A caller's X-Request-Id follows the run through the logs when it is sane; otherwise we make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
    ...options,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Each request takes its share of the big-answer budget inside its own scope (src/service/answer-memory.ts).
  // preValidation, not onRequest: a body is read in the socket's async context, which would lose the scope.
  app.addHook('preValidation', (req, reply, done) => deps.service.answers.enter(reply.raw, done));
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  installErrorHandlers(app, deps.metrics);
  installBigAnswers(app);
  installJsonParser(app);
  installKeyLimiter(app);
  // One frame holds at most a start message (a body) or all of stdin in base64; larger frames close the socket.
  const maxPayload = Math.max(config.server.bodyLimit, Math.ceil(config.runs.maxStdinBytes * 1.4) + 65536);
  await app.register(websocket, { options: { maxPayload } });
  if (config.docs) {
    await app.register(swagger, {
      openapi: {
        info: { title: 'airlock', description: 'Runs code sent by strangers, in a fresh kernel-isolated box per run.', version: '1' },
        components: { securitySchemes: { key: { type: 'http', scheme: 'bearer', description: 'ak_... from `airlock keys create`' } } },
        security: [{ key: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  }
  // Liveness and readiness are open to orchestrators: outside the authenticated plugin.
  healthRoutes(app, deps);
  await app.register(async (v1) => {
    // Every route in this plugin (and only those) needs a principal: a key, or anonymous access when allowed.
    installAuth(v1, deps.store, config);
    runRoutes(v1, deps);
    batchRoutes(v1, deps);
    languageRoutes(v1);
    streamRoutes(v1, deps);
    problemRoutes(v1, deps);
    submissionRoutes(v1, deps);
    submissionEventRoutes(v1, deps);
  });
  for (const api of apis) await api(app, deps);
  webRoutes(app);
  return app;
}
