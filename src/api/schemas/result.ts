// The result of a run as the API reports it; the TypeBox schema is also the TypeScript type.
import { type Static, Type as T } from '@sinclair/typebox';

const Status = T.Union(['OK', 'RE', 'TLE', 'MLE', 'OLE', 'SV', 'IE', 'CE'].map((s) => T.Literal(s)), {
  description: 'OK; RE runtime error; TLE time; MLE memory; OLE output; SV forbidden system call; IE our failure; CE compile error',
});

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
  tests: T.Null({ description: 'per-test verdicts: filled by the judging issue' }),
});
export type RunResult = Static<typeof RunResultSchema>;
