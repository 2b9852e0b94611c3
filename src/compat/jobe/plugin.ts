// The Jobe REST API under /jobe/index.php/restapi (docs/compat.md): languages, runs, the file cache; X-API-KEY keys.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteHandlerMethod } from 'fastify';
import { join } from 'node:path';
import type { AppDeps } from '../../api/types.js';
import { installCompatErrors } from '../shared/errors.js';
import { attachValidation, ref } from '../shared/schemas.js';
import { compatAuth } from '../shared/principal.js';
import { jobeCors } from './cors.js';
import { FILE_ID, FileCache } from './files.js';
import { jobeLanguages } from './languages.js';
import { jobeResult, OVERLOADED } from './result.js';
import { JobeError, translateRunSpec } from './run.js';
import { runOrShed } from './submit.js';

/** Jobe answers errors with a JSON string as the whole body. */
const say = (reply: FastifyReply, status: number, message: string) => reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(message));

/** A plugin for app.register under Jobe's prefix. */
export function jobePlugin(deps: AppDeps) {
  return async (scope: FastifyInstance) => {
    installCompatErrors(
      scope,
      deps.metrics,
      // Jobe's REST layer refuses a bad key with 403.
      (err) =>
        err.code === 'AIRLOCK_ERR_UNAUTHORIZED'
          ? { status: 403, body: { status: false, error: 'Invalid API key ' } }
          : { status: err.statusCode, body: JSON.stringify(err.message) },
      { own: (e) => (e instanceof JobeError ? { status: e.status, body: JSON.stringify(e.message) } : undefined) },
    );
    scope.addHook('onSend', async (req, reply, payload) => {
      if (typeof payload === 'string' && reply.statusCode >= 400) reply.type('application/json; charset=utf-8');
      return payload;
    });
    jobeCors(scope);
    const auth = compatAuth(scope, deps.store, deps.config, ['x-api-key']);
    const cache = new FileCache(join(deps.config.dataDir, 'jobe-files'), deps.config.runs.maxSourceBytes);
    const tags = ['jobe'];
    // Jobe's routes answer with and without a trailing slash (its own testsubmit.py posts to "runs/").
    const both = (method: 'GET' | 'POST' | 'PUT' | 'HEAD', url: string, summary: string, handler: RouteHandlerMethod, parts: FastifySchema = {}) => {
      scope.route({ method, url, schema: { tags, summary, ...parts }, attachValidation, handler });
      scope.route({ method, url: `${url}/`, schema: { hide: true, ...parts }, attachValidation, handler });
    };

    both('GET', '/languages', 'Jobe: languages as [id, version] pairs', async (req) => {
      await auth(req);
      return jobeLanguages();
    });

    both(
      'POST',
      '/runs',
      'Jobe: run a program (answers when it is done)',
      async (req: FastifyRequest, reply: FastifyReply) => {
        const who = await auth(req);
        const { request, compat } = await translateRunSpec(req.body, deps.config, cache, who.keyId);
        const run = await runOrShed(deps, request, compat, who, req, reply);
        return run === 'overload' ? OVERLOADED : jobeResult(run);
      },
      { body: ref('JobeRun') },
    );

    both(
      'PUT',
      '/files/:id',
      'Jobe: put a file in the caller\'s cache ({"file_contents": base64})',
      async (req, reply) => {
        const who = await auth(req);
        const id = (req.params as { id: string }).id;
        if (!FILE_ID.test(id)) return say(reply, 400, 'No file id in URL');
        const contents = (req.body as { file_contents?: unknown } | null)?.file_contents;
        if (typeof contents !== 'string') return say(reply, 400, 'put: missing file_contents parameter');
        const clean = contents.replace(/\s+/g, '');
        if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return say(reply, 400, `put: contents of file ${id} are not valid base-64`);
        const stored = await cache.put(who.keyId, id, Buffer.from(clean, 'base64'));
        if (stored === 'too-large') return say(reply, 413, `put: file ${id} is larger than ${deps.config.runs.maxSourceBytes} bytes`);
        if (stored === 'full') return say(reply, 507, `put: the file cache is full`);
        return reply.code(204).send();
      },
      { params: ref('CompatIdParams'), body: ref('JobeFile') },
    );

    both(
      'HEAD',
      '/files/:id',
      'Jobe: is a file in the cache? 204 or 404',
      async (req, reply) => {
        const who = await auth(req);
        const id = (req.params as { id: string }).id;
        if (!FILE_ID.test(id)) return say(reply, 400, 'head: missing file ID parameter in URL');
        return reply.code((await cache.has(who.keyId, id)) ? 204 : 404).send();
      },
      { params: ref('CompatIdParams') },
    );
  };
}
