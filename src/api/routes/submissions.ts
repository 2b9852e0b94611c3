// POST /v1/problems/:id/submissions, GET /v1/submissions/:id, DELETE /v1/submissions/:id.
import { toViewNow } from '../views/submission-now.js';
import { SubmissionRequestSchema, SubmissionViewSchema } from '../../contracts/submission.js';
import { ErrorSchema, IdParamsSchema } from '../../contracts/run.js';
import type { App, AppDeps } from '../types.js';

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  429: ErrorSchema,
  503: ErrorSchema,
};

/** Register the submission routes (the event stream is in submission-events.ts). */
export function submissionRoutes(app: App, { judging }: AppDeps): void {
  const { submissions, problemStore } = judging;

  app.post(
    '/v1/problems/:id/submissions',
    {
      schema: {
        summary: 'Submit a solution: 202 at once; follow it at /v1/submissions/<id> or its /events stream',
        tags: ['submissions'],
        params: IdParamsSchema,
        body: SubmissionRequestSchema,
        response: { 202: SubmissionViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const sub = await submissions.submit(req.params.id, req.body, req.principal, req.id);
      return reply
        .code(202)
        .header('location', `/v1/submissions/${sub.id}`)
        .send(await toViewNow(problemStore, sub));
    },
  );

  app.get(
    '/v1/submissions/:id',
    {
      schema: {
        summary: 'A submission: state, verdict, score, and every test (those finished so far while it runs)',
        tags: ['submissions'],
        params: IdParamsSchema,
        response: { 200: SubmissionViewSchema, ...errors },
      },
    },
    async (req) => toViewNow(problemStore, await submissions.get(req.params.id, req.principal)),
  );

  app.delete(
    '/v1/submissions/:id',
    {
      schema: {
        summary: 'Cancel a queued or running submission (its boxes are killed)',
        tags: ['submissions'],
        params: IdParamsSchema,
        response: { 200: SubmissionViewSchema, ...errors },
      },
    },
    async (req) => toViewNow(problemStore, await submissions.cancel(req.params.id, req.principal)),
  );
}
