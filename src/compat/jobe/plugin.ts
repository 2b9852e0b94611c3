// The Jobe REST API under /jobe/index.php/restapi (docs/compat.md): languages, runs, the file cache; X-API-KEY keys.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { join } from 'node:path';
import type { AppDeps } from '../../api/types.js';
import { isAirlockError } from '../../errors.js';
import { installCompatErrors } from '../shared/errors.js';
import { compatAuth } from '../shared/principal.js';
import { runToEnd } from '../shared/run.js';
import { FILE_ID, FileCache } from './files.js';
import { jobeLanguages } from './languages.js';
import { JobeError, jobeResult, OUTCOME, translateRunSpec } from './run.js';

/** Jobe answers errors with a JSON string as the whole body. */
const say = (reply: FastifyReply, status: number, message: string) => reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(message));

/** A plugin for app.register under Jobe's prefix. */
export function jobePlugin(deps: AppDeps) {
  return async (scope: FastifyInstance) => {
    installCompatErrors(
      scope,
      deps.metrics,
      // Jobe's REST layer refuses a bad key with 403.
      (err) => (err.code === 'AIRLOCK_ERR_UNAUTHORIZED' ? { status: 403, body: { status: false, error: 'Invalid API key ' } } : { status: err.statusCode, body: JSON.stringify(err.message) }),
      { own: (e) => (e instanceof JobeError ? { status: e.status, body: JSON.stringify(e.message) } : undefined) },
    );
    scope.addHook('onSend', async (req, reply, payload) => {
      if (typeof payload === 'string' && reply.statusCode >= 400) reply.type('application/json; charset=utf-8');
      return payload;
    });
    const auth = compatAuth(scope, deps.store, deps.config, ['x-api-key']);
    const cache = new FileCache(join(deps.config.dataDir, 'jobe-files'), deps.config.runs.maxSourceBytes);
    const tags = ['jobe'];

    scope.get('/languages', { schema: { tags, summary: 'Jobe: languages as [id, version] pairs' } }, async (req) => {
      await auth(req);
      return jobeLanguages();
    });

    scope.post('/runs', { schema: { tags, summary: 'Jobe: run a program (answers when it is done)' } }, async (req, reply) => {
      const who = await auth(req);
      const run = await translateRunSpec(req.body, deps.config, cache, who.keyId);
      try {
        return jobeResult(await runToEnd(deps, run, who, req, reply));
      } catch (e) {
        // A full queue is Jobe's "server overload" outcome, not an HTTP error.
        if (isAirlockError(e, 'AIRLOCK_ERR_QUEUE_FULL')) return { run_id: null, outcome: OUTCOME.overload, cmpinfo: '', stdout: '', stderr: '' };
        throw e;
      }
    });

    scope.put('/files/:id', { schema: { tags, summary: 'Jobe: put a file in the caller\'s cache ({"file_contents": base64})' } }, async (req, reply) => {
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
    });

    scope.head('/files/:id', { schema: { tags, summary: 'Jobe: is a file in the cache? 204 or 404' } }, async (req, reply) => {
      const who = await auth(req);
      return reply.code((await cache.has(who.keyId, (req.params as { id: string }).id)) ? 204 : 404).send();
    });
  };
}
