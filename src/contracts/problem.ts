// Problems as the API shows them. TypeBox schemas are also the types.
import { type Static, Type as T } from '@sinclair/typebox';

const LimitsView = T.Object({
  time: T.Number({ description: 'CPU seconds per test' }),
  wallTime: T.Number({ description: 'seconds' }),
  memory: T.Integer({ description: 'bytes' }),
  output: T.Integer({ description: 'bytes' }),
});

/** One row of GET /v1/problems. */
export const ProblemItemSchema = T.Object({
  id: T.String(),
  name: T.String({ description: "short name: the package's directory name, or ?name=" }),
  title: T.String(),
  revision: T.Integer({ description: '1 at upload, +1 each time the package is replaced' }),
  public: T.Boolean(),
  limits: LimitsView,
  tests: T.Integer(),
  points: T.Number({ description: 'the most a submission can score' }),
  interactive: T.Boolean(),
  createdAt: T.String({ format: 'date-time' }),
  updatedAt: T.String({ format: 'date-time' }),
});

/** GET /v1/problems/:id, and the answer to an upload. */
export const ProblemViewSchema = T.Object({
  ...ProblemItemSchema.properties,
  statement: T.String({ description: 'Markdown' }),
  samples: T.Array(T.Object({ name: T.String(), input: T.String(), output: T.String() })),
  publicTests: T.Optional(
    T.Array(T.Object({ name: T.String(), input: T.String(), output: T.String() }), {
      description: 'every test (the first 4 KiB of its input and answer, at most 100 tests), when the package says "publicTests": true',
    }),
  ),
  groups: T.Array(T.Object({ name: T.String(), points: T.Number() })),
  checker: T.String({ description: 'tokens, lines, exact, floats, unordered, or program' }),
  format: T.String({ description: 'airlock (problem.json), polygon (problem.xml) or icpc (problem.yaml)' }),
  warnings: T.Array(T.String(), { description: 'what the validator found worth a look' }),
});
export type ProblemView = Static<typeof ProblemViewSchema>;

/** The JSON form of an upload: the archive in base64. */
export const UploadJsonSchema = T.Object(
  {
    archive: T.String({ description: 'the package archive, base64' }),
    format: T.Union([T.Literal('tar.gz'), T.Literal('tgz'), T.Literal('tar'), T.Literal('zip')]),
    name: T.Optional(T.String()),
    public: T.Optional(T.Boolean()),
  },
  { additionalProperties: false },
);
export type UploadJson = Static<typeof UploadJsonSchema>;

/** ?name=&public= on an upload. */
export const UploadQuerySchema = T.Object(
  {
    name: T.Optional(T.String({ description: "short name (default: the archive's top directory)" })),
    public: T.Optional(T.Union([T.Literal('true'), T.Literal('false')], { description: 'true: every caller may read it and submit to it' })),
  },
  { additionalProperties: false },
);
