// POST /v1/runs/batch: several runs, checked and accepted all or none.
import { Type as T } from '@sinclair/typebox';
import { AirlockError } from '../../errors.js';
import { toView } from '../views/run.js';
import { BatchRequestSchema, WaitQuerySchema } from '../../contracts/request.js';
import { ErrorSchema, RunViewSchema } from '../../contracts/run.js';
import type { App, AppDeps } from '../types.js';

const BatchViewSchema = T.Object({ runs: T.Array(RunViewSchema) });

/** Register the batch route. */
export function batchRoutes(app: App, { service, config }: AppDeps): void {
  app.post('/v1/runs/batch', {
    schema: {
      summary: 'Start several runs; wait=true (default) answers when all have ended, wait=false with 202 and the ids',
      tags: ['runs'],
      body: BatchRequestSchema,
      querystring: WaitQuerySchema,
      response: { 200: BatchViewSchema, 202: BatchViewSchema, 400: ErrorSchema, 429: ErrorSchema },
    },
  }, async (req, reply) => {
    const { runs } = req.body;
    if (runs.length > config.runs.maxBatch) throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', `at most ${config.runs.maxBatch} runs in a batch, got ${runs.length}`);
    const wait = req.query.wait !== 'false';
    const created = await service.submit(runs, req.principal, { mode: wait ? 'sync' : 'async', requestId: req.id });
    if (!wait) return reply.code(202).send({ runs: created.map((r) => toView(r)) });
    const deadline = Date.now() + config.runs.syncTimeout * 1000;
    const done = [];
    for (const r of created) done.push(await service.wait(r.id, Math.max(0, deadline - Date.now())));
    const unfinished = done.some((r) => r.state === 'queued' || r.state === 'running');
    return reply.code(unfinished ? 202 : 200).send({ runs: done.map((r) => toView(r)) });
  });
}
