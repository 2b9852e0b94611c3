// POST /v1/runs, GET /v1/runs/:id, DELETE /v1/runs/:id.
import type { FastifyReply } from 'fastify';
import { AirlockError, type ErrorCode, catalogue, recordedError } from '../../errors.js';
import type { RunRecord } from '../../store/types.js';
import { toView } from '../views/run.js';
import { RunRequestSchema, WaitQuerySchema } from '../../contracts/request.js';
import { ErrorSchema, IdParamsSchema, RunViewSchema } from '../../contracts/run.js';
import type { App, AppDeps } from '../types.js';

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  429: ErrorSchema,
  501: ErrorSchema,
  503: ErrorSchema,
};

/** A sync run that did not produce a result, as the error it is: ours (5xx), a cancellation, or a shutdown. */
export function endAsError(run: RunRecord): AirlockError | undefined {
  if (run.state === 'cancelled') return new AirlockError('AIRLOCK_ERR_CANCELLED');
  if (run.state === 'queued' || run.state === 'running') return undefined;
  if (run.state !== 'failed') return undefined;
  // The code and the message were stored apart: the message is answered as it was recorded.
  const code = run.errorCode;
  if (code && code in catalogue && run.error) return recordedError(code as ErrorCode, run.error);
  return new AirlockError('AIRLOCK_ERR_INTERNAL', run.error ?? 'the run failed');
}

/** 202 with where to look: the run is accepted and not finished yet. */
export function accepted(reply: FastifyReply, run: RunRecord) {
  return reply.code(202).header('location', `/v1/runs/${run.id}`).send(toView(run));
}

/** Register the run routes. */
export function runRoutes(app: App, { service, config, store }: AppDeps): void {
  app.post(
    '/v1/runs',
    {
      schema: {
        summary: 'Start a run; wait=true (default) answers with the result, wait=false with 202 and the id',
        tags: ['runs'],
        body: RunRequestSchema,
        querystring: WaitQuerySchema,
        response: { 200: RunViewSchema, 202: RunViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const wait = req.query.wait !== 'false';
      const [run] = await service.submit([req.body], req.principal, { mode: wait ? 'sync' : 'async', requestId: req.id });
      if (!wait) return accepted(reply, run!);
      // A client that hangs up does not need its box any more.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) service.cancel(run!.id, req.principal).catch(() => {});
      });
      const done = await service.wait(run!.id, config.runs.syncTimeout * 1000);
      if (done.state === 'queued' || done.state === 'running') {
        if (!service.ready) throw new AirlockError('AIRLOCK_ERR_SHUTTING_DOWN');
        return accepted(reply, done);
      }
      const err = endAsError(done);
      if (err) throw err;
      return toView(done);
    },
  );

  app.get(
    '/v1/runs/:id',
    {
      schema: { summary: 'A run: state, result, webhook attempts', tags: ['runs'], params: IdParamsSchema, response: { 200: RunViewSchema, ...errors } },
    },
    async (req) => {
      const run = await service.get(req.params.id, req.principal);
      return toView(run, run.callbackUrl ? await store.webhookAttempts(run.id) : []);
    },
  );

  app.delete(
    '/v1/runs/:id',
    {
      schema: {
        summary: 'Cancel a queued or running run (its box is killed)',
        tags: ['runs'],
        params: IdParamsSchema,
        response: { 200: RunViewSchema, ...errors },
      },
    },
    async (req) => toView(await service.cancel(req.params.id, req.principal)),
  );
}
