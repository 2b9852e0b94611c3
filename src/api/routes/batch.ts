// POST /v1/runs/batch: several runs, checked and accepted all or none.
import { Type as T } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { AirlockError } from '../../errors.js';
import { toView } from '../views/run.js';
import { BatchRequestSchema, WaitQuerySchema } from '../../contracts/request.js';
import { ErrorSchema, RunViewSchema } from '../../contracts/run.js';
import { jsonListStream } from '../json-stream.js';
import type { App, AppDeps } from '../types.js';

const BatchViewSchema = T.Object({ runs: T.Array(RunViewSchema) });

/** Register the batch route. */
export function batchRoutes(app: App, { service, config }: AppDeps): void {
  app.post(
    '/v1/runs/batch',
    {
      schema: {
        summary:
          'Start several runs; wait=true (default) answers when all have ended (their output caps share runs.batchOutputBudget), wait=false with 202 and the ids',
        tags: ['runs'],
        body: BatchRequestSchema,
        querystring: WaitQuerySchema,
        response: { 200: BatchViewSchema, 202: BatchViewSchema, 400: ErrorSchema, 413: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (req, reply) => {
      const { runs } = req.body;
      if (runs.length > config.runs.maxBatch)
        throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', `at most ${config.runs.maxBatch} runs in a batch, got ${runs.length}`);
      const wait = req.query.wait !== 'false';
      const created = await service.submit(runs, req.principal, {
        mode: wait ? 'sync' : 'async',
        requestId: req.id,
        ...(wait ? { outputBudget: config.runs.batchOutputBudget } : {}),
      });
      if (!wait) return reply.code(202).send({ runs: created.map((r) => toView(r)) });
      const deadline = Date.now() + config.runs.syncTimeout * 1000;
      let unfinished = false;
      // Only the states are read while waiting; each result is read as it is written out, one at a time.
      for (const r of created) if (!(await service.settle(r.id, Math.max(0, deadline - Date.now())))) unfinished = true;
      const ids = created.map((r) => r.id);
      // A stream bypasses the response serialiser: each view is written as it goes, shaped by the same schema.
      return (reply as FastifyReply)
        .code(unfinished ? 202 : 200)
        .type('application/json; charset=utf-8')
        .send(jsonListStream('runs', ids, async (id) => toView(await service.get(id, req.principal)), RunViewSchema));
    },
  );
}
