// What a caller sends to start a run; the TypeBox schema is also the TypeScript type.
import { type Static, Type as T } from '@sinclair/typebox';
import { LimitsSchema } from '../config/schema.js';

const Encoding = T.Union([T.Literal('utf8'), T.Literal('base64')]);
const Arg = T.String({ maxLength: 4096 });

/** One source file. */
export const FileSchema = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 255, description: 'relative path in /box, e.g. "lib/util.py"' }),
    content: T.String(),
    encoding: T.Optional(Encoding),
  },
  { additionalProperties: false },
);

/** One test sent with a run; strings in the run's `encoding`. */
export const InlineTestSchema = T.Object(
  {
    input: T.String(),
    output: T.Optional(T.String({ description: 'the expected output; without it the test is only run (its verdict comes from how the program ended)' })),
    name: T.Optional(T.String({ minLength: 1, maxLength: 100 })),
    points: T.Optional(T.Number({ minimum: 0, description: 'weight of the test; when every test has points, the score is out of their sum (else 100)' })),
  },
  { additionalProperties: false },
);

/** How a judged run's outputs are compared (built-in checkers; docs/problems.md). */
export const CheckerSchema = T.Object(
  {
    type: T.Union([T.Literal('exact'), T.Literal('lines'), T.Literal('tokens'), T.Literal('floats'), T.Literal('unordered')]),
    absolute: T.Optional(T.Number({ minimum: 0, description: 'floats: absolute tolerance' })),
    relative: T.Optional(T.Number({ minimum: 0, description: 'floats: relative tolerance' })),
    ignoreCase: T.Optional(T.Boolean({ description: 'tokens: YES equals yes' })),
  },
  { additionalProperties: false },
);
export type InlineChecker = Static<typeof CheckerSchema>;

/** POST /v1/runs, one element of a batch, and the first message of a stream session. */
export const RunRequestSchema = T.Object(
  {
    language: T.String({ minLength: 1, maxLength: 64, description: 'language id, see GET /v1/languages' }),
    source: T.Optional(T.String({ description: 'the program (or give files)' })),
    files: T.Optional(T.Array(FileSchema, { minItems: 1, maxItems: 64 })),
    main: T.Optional(T.String({ maxLength: 255, description: 'which file is the program (default: the first)' })),
    encoding: T.Optional(T.Union([T.Literal('utf8'), T.Literal('base64')], { description: 'encoding of source, files and stdin (default utf8)' })),
    stdin: T.Optional(T.String()),
    args: T.Optional(T.Array(Arg, { maxItems: 256 })),
    compileOptions: T.Optional(T.Array(Arg, { maxItems: 64 })),
    limits: T.Optional(LimitsSchema),
    compileLimits: T.Optional(LimitsSchema),
    network: T.Optional(T.Boolean({ description: 'needs the key permission and sandbox.allowNetwork' })),
    outputEncoding: T.Optional(T.Union([T.Literal('utf8'), T.Literal('base64')], { description: 'encoding of stdout and stderr (default utf8)' })),
    callbackUrl: T.Optional(T.String({ maxLength: 2048, description: 'the result is POSTed here, signed' })),
    tests: T.Optional(
      T.Array(InlineTestSchema, { minItems: 1, maxItems: 256, description: 'judge the program: each test runs in its own box, compiled once' }),
    ),
    checker: T.Optional(CheckerSchema),
    expectedOutput: T.Optional(T.String({ description: "shorthand for one test: the run's stdin, and this as the expected output" })),
  },
  { additionalProperties: false },
);
export type RunRequest = Static<typeof RunRequestSchema>;

/** POST /v1/runs/batch. */
export const BatchRequestSchema = T.Object({ runs: T.Array(RunRequestSchema, { minItems: 1 }) }, { additionalProperties: false });
export type BatchRequest = Static<typeof BatchRequestSchema>;

/** ?wait=true|false on POST /v1/runs and the batch. */
export const WaitQuerySchema = T.Object(
  { wait: T.Optional(T.Union([T.Literal('true'), T.Literal('false')], { description: 'true (default): answer with the result; false: 202 with the id' })) },
  { additionalProperties: false },
);
