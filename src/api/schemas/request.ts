// What a caller sends to start a run; the TypeBox schema is also the TypeScript type.
import { type Static, Type as T } from '@sinclair/typebox';
import { LimitsSchema } from '../../config/schema.js';

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
    expectedOutput: T.Optional(T.Unknown({ description: 'judging: answered 501 until the judging module is installed' })),
    tests: T.Optional(T.Unknown({ description: 'judging: answered 501 until the judging module is installed' })),
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
