// The Piston v2 API under /api/v2 (docs/compat.md): runtimes, execute, connect; errors as {"message"}.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../api/types.js';
import { bodyText } from '../../service/text.js';
import { installCompatErrors } from '../shared/errors.js';
import { attachValidation, ref } from '../shared/schemas.js';
import { compatAuth } from '../shared/principal.js';
import { runToEnd } from '../shared/run.js';
import { connectRoute } from './connect.js';
import { PistonError, translateJob } from './request.js';
import { runtimes } from './runtimes.js';
import { pistonResult } from './stage.js';

/** A plugin for app.register under /api/v2. */
export function pistonPlugin(deps: AppDeps) {
  return async (scope: FastifyInstance) => {
    installCompatErrors(scope, deps.metrics, (err) => ({ status: err.statusCode, body: { message: err.message } }), {
      own: (e) => (e instanceof PistonError ? { status: e.status, body: { message: e.message } } : undefined),
    });
    // The piston-client npm package posts JSON without a content type (fetch then says text/plain): read it as JSON.
    const json = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (req, body, done) => {
      try {
        void json(req, bodyText(body as Buffer), done);
      } catch (e) {
        done(e as Error, undefined);
      }
    });
    // Piston has no keys of its own: airlock's Authorization or X-Api-Key header, or anonymous where allowed.
    const auth = compatAuth(scope, deps.store, deps.config, []);
    const tags = ['piston'];

    scope.get('/runtimes', { schema: { tags, summary: 'Piston: runtimes' } }, async () =>
      (await runtimes()).map((r) => ({ language: r.language, version: r.version, aliases: r.aliases, ...(r.runtime ? { runtime: r.runtime } : {}) })),
    );

    scope.get('/packages', { schema: { tags, summary: 'Piston: packages (the installed runtimes)' } }, async () =>
      (await runtimes()).map((r) => ({ language: r.language, language_version: r.version, installed: true })),
    );
    const managed = async () => {
      throw new PistonError('packages are installed by the operator here (./setup.sh --languages), not through the API', 403);
    };
    const pkg = ref('PistonPackage');
    scope.post('/packages', { schema: { tags, summary: 'Piston: install a package (not offered: 403)', body: pkg }, attachValidation }, managed);
    scope.delete('/packages', { schema: { tags, summary: 'Piston: uninstall a package (not offered: 403)', body: pkg }, attachValidation }, managed);

    scope.post('/execute', { schema: { tags, summary: 'Piston: execute', body: ref('PistonJob') }, attachValidation }, async (req, reply) => {
      const who = await auth(req);
      const { run, runtime } = await translateJob(req.body, deps.config, true);
      const done = await runToEnd(deps, run, who, req, reply, { api: 'piston' });
      if (!done.result) return reply.code(500).send({ message: done.error ?? `the job ended ${done.state}` });
      return pistonResult(done.result, runtime.language, runtime.version);
    });

    connectRoute(scope, deps, auth);
  };
}
