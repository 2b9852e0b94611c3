// POST /submissions/batch and GET /submissions/batch?tokens=... (Judge0's batches; no wait, as in Judge0).
import { attachValidation, ref } from '../shared/schemas.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonListStream } from '../../api/json-stream.js';
import type { AppDeps } from '../../api/types.js';
import { isAirlockError } from '../../errors.js';
import type { Principal } from '../../auth/types.js';
import { judge0Config } from './config.js';
import { judge0Error } from './errors.js';
import { Judge0Invalid } from './invalid.js';
import { createSubmission } from './submit.js';
import { fieldsOr400 } from './submissions.js';
import { NotUtf8, submissionView } from './view.js';

const NOT_UTF8_MANY = 'some attributes for one or more submissions cannot be converted to UTF-8, use base64_encoded=true query parameter';

/** Register the batch routes. */
export function batchRoutes(scope: FastifyInstance, deps: AppDeps, auth: (req: FastifyRequest) => Promise<Principal>): void {
  const max = () => judge0Config(deps.config).max_submission_batch_size;
  const sizeError = (n: number) =>
    n > max()
      ? `number of submissions in a batch should be less than or equal to ${max()}`
      : n === 0
        ? 'there should be at least one submission in a batch'
        : undefined;

  scope.post(
    '/submissions/batch',
    { schema: { tags: ['judge0'], summary: 'Judge0: create submissions', body: ref('Judge0Batch'), querystring: ref('Judge0Query') }, attachValidation },
    async (req, reply) => {
      const who = await auth(req);
      const base64 = (req.query as { base64_encoded?: string }).base64_encoded === 'true';
      const list = (req.body as { submissions?: unknown } | null)?.submissions;
      const items = Array.isArray(list) ? list : [];
      const tooMany = sizeError(items.length);
      if (tooMany) return reply.code(400).send({ error: tooMany });
      // Each submission stands alone, as in Judge0: the valid ones are created, the others answer their errors.
      const out: unknown[] = [];
      let created = false;
      for (const body of items) {
        try {
          const run = await createSubmission(deps, body, base64, who, req.id, 'async');
          out.push({ token: run.id });
          created = true;
        } catch (e) {
          if (!(e instanceof Judge0Invalid) && !(isAirlockError(e) && e.statusCode < 500 && e.code !== 'AIRLOCK_ERR_QUEUE_FULL' && e.statusCode !== 429))
            throw e;
          out.push(judge0Error(e).body);
        }
      }
      return reply.code(created ? 201 : 422).send(out);
    },
  );

  scope.get(
    '/submissions/batch',
    { schema: { tags: ['judge0'], summary: 'Judge0: several submissions by token', querystring: ref('Judge0Query') }, attachValidation },
    async (req, reply) => {
      const q = req.query as { tokens?: string; base64_encoded?: string; fields?: string };
      const fields = fieldsOr400(q, reply);
      if (!fields) return reply;
      const who = await auth(req);
      const header = req.headers.tokens;
      const tokens = String((typeof header === 'string' ? header : undefined) ?? q.tokens ?? '')
        .trim()
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const bad = sizeError(tokens.length);
      if (bad) return reply.code(400).send({ error: bad });
      const base64 = q.base64_encoded === 'true';
      // Another key's token reads as an unknown one: null, as Judge0 answers for a token it does not have.
      const view = async (token: string) => {
        const run = await deps.service.get(token, who).catch(() => undefined);
        return run ? submissionView(run, fields, base64) : null;
      };
      // Judge0 refuses the whole batch when one answer is not UTF-8: every view is made once to check before any byte
      // is sent, then again as it is written, so that only one submission's output is in memory at a time.
      try {
        for (const token of tokens) await view(token);
      } catch (e) {
        if (e instanceof NotUtf8) return reply.code(400).send({ error: NOT_UTF8_MANY });
        throw e;
      }
      return reply.type('application/json; charset=utf-8').send(jsonListStream('submissions', tokens, view));
    },
  );
}
