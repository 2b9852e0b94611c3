// The request shapes of the three compatibility APIs, registered once as shared schemas and used by $ref.
import { type TSchema, Type as T } from '@sinclair/typebox';
import type { App } from '../../api/types.js';

const text = (description: string) => T.Optional(T.Union([T.String(), T.Null()], { description }));
const num = (description: string) => T.Optional(T.Union([T.Number(), T.Null()], { description }));
const flag = (description: string) => T.Optional(T.Union([T.Boolean(), T.Null()], { description }));
const loose = { additionalProperties: true };

/** Judge0 CE 1.13.1's submission (POST /submissions, and each item of a batch). */
const Judge0Submission = T.Object(
  {
    source_code: text('the program (base64 with base64_encoded=true)'),
    language_id: T.Optional(T.Integer({ description: 'an id from GET /languages' })),
    compiler_options: text('compiled languages only'),
    command_line_arguments: text('split as a shell would, never run by one'),
    stdin: text('standard input'),
    expected_output: text('compared after trimming trailing whitespace per line'),
    cpu_time_limit: num('seconds'),
    cpu_extra_time: num('seconds'),
    wall_time_limit: num('seconds'),
    memory_limit: num('KB'),
    stack_limit: num('KB'),
    max_processes_and_or_threads: num('count'),
    enable_per_process_and_thread_time_limit: flag('as Judge0'),
    enable_per_process_and_thread_memory_limit: flag('as Judge0'),
    max_file_size: num('KB of output'),
    redirect_stderr_to_stdout: flag('as Judge0'),
    enable_network: flag('refused unless the operator allows networking'),
    number_of_runs: num('1 only'),
    additional_files: text('a base64 zip (language 89 runs its compile and run scripts)'),
    callback_url: text('PUT with the submission when it ends'),
  },
  { $id: 'Judge0Submission', ...loose },
);

/** Judge0's query flags. */
const Judge0Query = T.Object(
  {
    base64_encoded: T.Optional(T.String({ description: '"true": text fields in base64' })),
    wait: T.Optional(T.String({ description: '"true": answer when it is done' })),
    fields: T.Optional(T.String({ description: 'comma-separated fields, or *' })),
    tokens: T.Optional(T.String({ description: 'batch GET: comma-separated tokens' })),
  },
  { $id: 'Judge0Query', ...loose },
);

/** Judge0's batch: several submissions, each judged alone. */
const Judge0Batch = T.Object({ submissions: T.Optional(T.Array(T.Ref('Judge0Submission'))) }, { $id: 'Judge0Batch', ...loose });

/** Piston v2's job (POST /execute, and the WebSocket's init message). */
const PistonJob = T.Object(
  {
    language: T.Optional(T.String({ description: 'a language or one of its aliases' })),
    version: T.Optional(T.String({ description: 'a version or a semver range (* for any)' })),
    files: T.Optional(
      T.Array(
        T.Object(
          {
            name: T.Optional(T.String()),
            content: T.String(),
            encoding: T.Optional(T.String({ description: 'utf8, base64 or hex' })),
          },
          loose,
        ),
        { description: 'the first one runs' },
      ),
    ),
    stdin: T.Optional(T.String()),
    args: T.Optional(T.Array(T.Union([T.String(), T.Number()]))),
    compile_timeout: T.Optional(T.Number({ description: 'ms' })),
    run_timeout: T.Optional(T.Number({ description: 'ms' })),
    compile_memory_limit: T.Optional(T.Number({ description: 'bytes, -1 for the default' })),
    run_memory_limit: T.Optional(T.Number({ description: 'bytes, -1 for the default' })),
  },
  { $id: 'PistonJob', ...loose },
);

/** Piston's package request (install and uninstall are not offered here). */
const PistonPackage = T.Object({ language: T.Optional(T.String()), version: T.Optional(T.String()) }, { $id: 'PistonPackage', ...loose });

/** Jobe's run_spec (POST /runs). */
const JobeRun = T.Object(
  {
    run_spec: T.Optional(
      T.Object(
        {
          language_id: T.Optional(T.String()),
          sourcecode: T.Optional(T.String()),
          sourcefilename: T.Optional(T.String()),
          input: T.Optional(T.String()),
          file_list: T.Optional(T.Array(T.Array(T.String()), { description: '[file id, name] pairs from the file cache' })),
          parameters: T.Optional(
            T.Object(
              {
                cputime: T.Optional(T.Number()),
                memorylimit: T.Optional(T.Number({ description: 'MB' })),
                numprocs: T.Optional(T.Number()),
                streamsize: T.Optional(T.Number({ description: 'MB per stream' })),
                disklimit: T.Optional(T.Number()),
                compileargs: T.Optional(T.Array(T.String())),
                linkargs: T.Optional(T.Array(T.String())),
                runargs: T.Optional(T.Array(T.String())),
              },
              loose,
            ),
          ),
          debug: T.Optional(T.Boolean()),
        },
        loose,
      ),
    ),
  },
  { $id: 'JobeRun', ...loose },
);

/** Jobe's file upload (PUT /files/:id). */
const JobeFile = T.Object({ file_contents: T.Optional(T.String({ description: 'base64' })) }, { $id: 'JobeFile', ...loose });

/** Path parameters. */
const TokenParams = T.Object({ token: T.String() }, { $id: 'Judge0TokenParams' });
const IdParams = T.Object({ id: T.String() }, { $id: 'CompatIdParams' });

const all: TSchema[] = [Judge0Submission, Judge0Query, Judge0Batch, PistonJob, PistonPackage, JobeRun, JobeFile, TokenParams, IdParams];

/** Register the shared schemas on the app (once: Judge0 is mounted twice). */
export function addCompatSchemas(app: App): void {
  for (const s of all) app.addSchema(s);
}

/**
 * A compatibility route's schema parts by $ref. The three APIs answer bad input with their own words (Judge0's 422 per
 * attribute, Piston's {message}, Jobe's string), which their clients read: the schemas describe the input in the API
 * document, and each route checks it as its API does (attachValidation: a mismatch is left to that check).
 */
export const ref = (id: string) => ({ $ref: `${id}#` });

/** The route option that goes with `ref`: a schema mismatch is attached to the request, never answered by Fastify. */
export const attachValidation = true;
