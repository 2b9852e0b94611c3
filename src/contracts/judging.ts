// Judging as the API reports it: verdicts, one test's outcome, a group's, the compile step. TypeBox schemas are also the types.
import { type Static, Type as T } from '@sinclair/typebox';

const literals = (names: string[], description: string) =>
  T.Union(
    names.map((s) => T.Literal(s)),
    { description },
  );

/** A submission's (or a judged run's) verdict. */
export const VerdictSchema = literals(
  ['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'SV', 'IE'],
  "AC accepted; WA wrong answer; TLE time; MLE memory; OLE output; RE runtime error; CE compile error; SV forbidden system call; IE internal error (ours or the jury's, never the solution's)",
);

/** A test's verdict: a verdict, or SKIPPED when it was not run. */
export const TestVerdictSchema = literals(
  ['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'SV', 'IE', 'SKIPPED'],
  'a verdict, or SKIPPED (not run: an earlier test of its group, or a group it depends on, failed)',
);

/** One test's outcome. */
export const TestViewSchema = T.Object({
  name: T.String(),
  group: T.String(),
  verdict: TestVerdictSchema,
  score: T.Number({ description: "fraction of the test's share earned, 0..1" }),
  cpuTime: T.Number({ description: 'seconds' }),
  wallTime: T.Number({ description: 'seconds' }),
  memory: T.Integer({ description: 'peak bytes' }),
  exitCode: T.Integer(),
  signal: T.Integer(),
  message: T.String({ description: "why, in words: the limit hit, the exit code or signal, the checker's verdict" }),
  checker: T.String({ description: "the checker's (or interactor's) own message" }),
  stdout: T.String({ description: "the start of the program's stdout (in the encoding of the result)" }),
  stderr: T.String(),
  transcript: T.Optional(T.String({ description: 'interactive problems with transcripts: "> " from the solution, "< " to it' })),
});
export type TestView = Static<typeof TestViewSchema>;

/** One group's (subtask's) outcome. */
export const GroupViewSchema = T.Object({
  name: T.String(),
  points: T.Number(),
  score: T.Number(),
  verdict: TestVerdictSchema,
  reason: T.String(),
});

/** How compiling the submission went. */
export const CompileViewSchema = T.Object({
  status: T.String({ description: "OK, or the compiler's box status (RE: it failed; TLE, MLE, OLE; IE)" }),
  message: T.String(),
  output: T.String({ description: "the compiler's messages (capped)" }),
  cpuTime: T.Number(),
  wallTime: T.Number(),
});
