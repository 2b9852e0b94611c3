// POST /submissions, GET and DELETE /submissions/:token, GET /submissions (Judge0's submission routes).
import { attachValidation, ref } from '../shared/schemas.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../api/types.js';
import type { Principal } from '../../auth/types.js';
import type { RunRecord } from '../../store/types.js';
import { createSubmission } from './submit.js';
import { NotUtf8, parseFields, submissionView } from './view.js';
import { status } from './statuses.js';

type Query = { base64_encoded?: string; wait?: string; fields?: string };
/** Judge0's answer when plain text was asked for bytes that are not UTF-8. */
export const NOT_UTF8 = 'some attributes for this submission cannot be converted to UTF-8, use base64_encoded=true query parameter';

/** The `fields` query, or a 400 already sent. */
export function fieldsOr400(q: Query, reply: FastifyReply): string[] | undefined {
  const f = parseFields(q.fields);
  if ('invalid' in f) {
    reply.code(400).send({ error: `invalid fields: [${f.invalid.join(', ')}]` });
    return undefined;
  }
  return f.fields;
}

/** Register the submission routes; `auth` resolves the caller from X-Auth-Token (or airlock's own headers). */
export function submissionRoutes(scope: FastifyInstance, deps: AppDeps, auth: (req: FastifyRequest) => Promise<Principal>): void {
  const { service, config } = deps;

  scope.post(
    '/submissions',
    { schema: { tags: ['judge0'], summary: 'Judge0: create a submission', body: ref('Judge0Submission'), querystring: ref('Judge0Query') }, attachValidation },
    async (req, reply) => {
      const q = req.query as Query;
      const fields = fieldsOr400(q, reply);
      if (!fields) return reply;
      const who = await auth(req);
      const base64 = q.base64_encoded === 'true';
      const wait = q.wait === 'true';
      const run = await createSubmission(deps, req.body, base64, who, req.id, wait ? 'sync' : 'async');
      if (!wait) return reply.code(201).send({ token: run.id });
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) service.cancel(run.id, who).catch(() => {});
      });
      const done: RunRecord = await service.wait(run.id, config.runs.syncTimeout * 1000);
      try {
        return reply.code(201).send(await submissionView(done, fields, base64));
      } catch (e) {
        if (e instanceof NotUtf8) return reply.code(201).send({ token: run.id, error: NOT_UTF8 });
        throw e;
      }
    },
  );

  scope.get(
    '/submissions/:token',
    { schema: { tags: ['judge0'], summary: 'Judge0: a submission', params: ref('Judge0TokenParams'), querystring: ref('Judge0Query') }, attachValidation },
    async (req, reply) => {
      const q = req.query as Query;
      const fields = fieldsOr400(q, reply);
      if (!fields) return reply;
      const run = await service.get((req.params as { token: string }).token, await auth(req));
      try {
        return await submissionView(run, fields, q.base64_encoded === 'true');
      } catch (e) {
        if (e instanceof NotUtf8) return reply.code(400).send({ error: NOT_UTF8 });
        throw e;
      }
    },
  );

  // Judge0 CE ships with submission deletion off; a running submission could not be deleted anyway.
  scope.delete(
    '/submissions/:token',
    { schema: { tags: ['judge0'], summary: 'Judge0: delete a submission (off, as in Judge0 CE)', params: ref('Judge0TokenParams') }, attachValidation },
    async (req, reply) => {
      const run = await service.get((req.params as { token: string }).token, await auth(req));
      if (run.state === 'queued' || run.state === 'running') {
        const s = status(run.state === 'queued' ? 1 : 2);
        return reply.code(400).send({ error: `submission cannot be deleted because its status is ${s.id} (${s.description})` });
      }
      return reply.code(400).send({ error: 'delete not allowed' });
    },
  );

  // Listing every submission needs Judge0's X-Auth-User authorization, which a Judge0 CE without AUTHZ_TOKEN refuses.
  scope.get('/submissions', { schema: { tags: ['judge0'], summary: 'Judge0: list submissions (not offered: 403)' } }, async (req, reply) => {
    await auth(req);
    return reply.code(403).send('');
  });
}
