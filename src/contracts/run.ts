// A run as GET /v1/runs/:id shows it: state, result, and webhook attempts.
import { type Static, Type as T } from '@sinclair/typebox';
import { RunResultSchema } from './result.js';

const Time = T.Union([T.String({ format: 'date-time' }), T.Null()]);

/** One webhook delivery attempt. */
export const AttemptSchema = T.Object({
  deliveryId: T.String(),
  attempt: T.Integer(),
  at: T.String({ format: 'date-time' }),
  statusCode: T.Union([T.Integer(), T.Null()]),
  error: T.Union([T.String(), T.Null()]),
  durationMs: T.Integer(),
});

/** A run and where it stands. */
export const RunViewSchema = T.Object({
  id: T.String(),
  state: T.Union(['queued', 'running', 'done', 'failed', 'cancelled'].map((s) => T.Literal(s))),
  mode: T.Union(['sync', 'async', 'stream'].map((s) => T.Literal(s))),
  language: T.String(),
  attempts: T.Integer({ description: 'times the run was started (a restart may start it again)' }),
  batchId: T.Union([T.String(), T.Null()]),
  createdAt: T.String({ format: 'date-time' }),
  startedAt: Time,
  finishedAt: Time,
  result: T.Union([RunResultSchema, T.Null()]),
  error: T.Union([T.String(), T.Null()], { description: 'why the run failed or was cancelled, when it has no result' }),
  errorCode: T.Union([T.String(), T.Null()], { description: "a failure's code from the error catalogue (docs/errors.md), when it had one" }),
  webhook: T.Union([T.Object({ url: T.String(), state: T.String(), attempts: T.Array(AttemptSchema) }), T.Null()]),
});
export type RunView = Static<typeof RunViewSchema>;

/** The body of every error answer. */
export const ErrorSchema = T.Object({
  error: T.Object({
    code: T.String(),
    message: T.String(),
    requestId: T.String(),
    errors: T.Optional(
      T.Array(T.Object({ file: T.String(), field: T.String(), message: T.String() }), { description: 'AIRLOCK_ERR_BAD_PROBLEM: every mistake in the package' }),
    ),
  }),
});

/** :id in a path. */
export const IdParamsSchema = T.Object({ id: T.String({ maxLength: 64 }) });
