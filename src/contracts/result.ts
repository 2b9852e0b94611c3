// The result of a run as the API reports it; the TypeBox schema is also the TypeScript type.
import { type Static, Type as T } from '@sinclair/typebox';
import { TestViewSchema, VerdictSchema } from './judging.js';

const Status = T.Union(
  ['OK', 'RE', 'TLE', 'MLE', 'OLE', 'SV', 'IE', 'CE'].map((s) => T.Literal(s)),
  {
    description: 'OK; RE runtime error; TLE time; MLE memory; OLE output; SV forbidden system call; IE our failure; CE compile error',
  },
);

/** One stage (compile or run). */
export const StageSchema = T.Object({
  status: Status,
  exitCode: T.Integer(),
  signal: T.Integer(),
  stdout: T.String(),
  stderr: T.String(),
  cpuTime: T.Number({ description: 'seconds' }),
  wallTime: T.Number({ description: 'seconds' }),
  memory: T.Integer({ description: 'peak bytes' }),
  message: T.String(),
});
export type Stage = Static<typeof StageSchema>;

/** What a finished run reports. */
export const RunResultSchema = T.Object({
  ...StageSchema.properties,
  encoding: T.Union([T.Literal('utf8'), T.Literal('base64')], {
    description: 'encoding of every stdout and stderr here; utf8 output that is not valid UTF-8 is sent as base64, never altered',
  }),
  compile: T.Union([StageSchema, T.Null()]),
  tests: T.Union([T.Array(TestViewSchema), T.Null()], { description: 'per-test outcomes when the run was judged (tests or expectedOutput), else null' }),
  verdict: T.Optional(T.Union([VerdictSchema, T.Null()], { description: 'judged runs: the overall verdict' })),
  reason: T.Optional(T.String({ description: 'judged runs: why, in words' })),
  score: T.Optional(T.Number({ description: 'judged runs: points earned' })),
  maxScore: T.Optional(T.Number({ description: "judged runs: points possible (the sum of the tests' points, or 100)" })),
});
export type RunResult = Static<typeof RunResultSchema>;
