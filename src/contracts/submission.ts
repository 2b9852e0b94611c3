// A submission to a stored problem, and how the API shows one. TypeBox schemas are also the types.
import { type Static, Type as T } from '@sinclair/typebox';
import { CompileViewSchema, GroupViewSchema, TestViewSchema, VerdictSchema } from './judging.js';
import { FileSchema } from './request.js';

/** POST /v1/problems/:id/submissions. */
export const SubmissionRequestSchema = T.Object(
  {
    language: T.Optional(T.String({ minLength: 1, maxLength: 64, description: "language id; default: from the main file's extension" })),
    source: T.Optional(T.String({ description: 'the program (needs language), or give files' })),
    files: T.Optional(T.Array(FileSchema, { minItems: 1, maxItems: 64 })),
    main: T.Optional(T.String({ maxLength: 255, description: 'which file is the program (default: the first)' })),
    encoding: T.Optional(T.Union([T.Literal('utf8'), T.Literal('base64')], { description: 'encoding of source and files (default utf8)' })),
    compileOptions: T.Optional(T.Array(T.String({ maxLength: 4096 }), { maxItems: 64 })),
  },
  { additionalProperties: false },
);
export type SubmissionRequest = Static<typeof SubmissionRequestSchema>;

const Time = T.Union([T.String({ format: 'date-time' }), T.Null()]);

/** A submission and where it stands; while it is judged, the tests finished so far. */
export const SubmissionViewSchema = T.Object({
  id: T.String(),
  problem: T.String({ description: "the problem's id" }),
  problemRevision: T.Integer({
    description: "the problem's revision when it was submitted (it is judged against the revision current when its judgement starts)",
  }),
  language: T.String(),
  state: T.Union(['queued', 'running', 'done', 'failed', 'cancelled'].map((s) => T.Literal(s))),
  verdict: T.Union([VerdictSchema, T.Null()]),
  reason: T.Union([T.String(), T.Null()]),
  score: T.Union([T.Number(), T.Null()]),
  maxScore: T.Union([T.Number(), T.Null()]),
  compile: T.Union([CompileViewSchema, T.Null()]),
  tests: T.Array(TestViewSchema),
  groups: T.Array(GroupViewSchema),
  error: T.Union([T.String(), T.Null()], { description: 'why it failed or was cancelled, when it has no verdict' }),
  errorCode: T.Union([T.String(), T.Null()], { description: "a failure's code from the error catalogue (docs/errors.md), when it had one" }),
  attempts: T.Integer(),
  createdAt: T.String({ format: 'date-time' }),
  startedAt: Time,
  finishedAt: Time,
});
export type SubmissionView = Static<typeof SubmissionViewSchema>;
