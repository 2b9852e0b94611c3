// POST /v1/problems (upload a package archive), PUT /v1/problems/:id (replace it), GET /v1/problems, GET and DELETE /v1/problems/:id.
import { Type as T } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type ArchiveFormat, sniffFormat } from '../../archive/unpack.js';
import { AirlockError } from '../../errors.js';
import type { UploadOptions } from '../../service/problems.js';
import { problemItem, problemView } from '../views/problem.js';
import { decodeField } from '../../service/text.js';
import { ProblemItemSchema, ProblemViewSchema, UploadJsonSchema, UploadQuerySchema } from '../../contracts/problem.js';
import { ErrorSchema, IdParamsSchema } from '../../contracts/run.js';
import type { App, AppDeps } from '../types.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema, 429: ErrorSchema };

/** Content types of a raw archive body, and the format each names (octet-stream: told by the bytes). */
const ARCHIVE_TYPES: Record<string, ArchiveFormat | undefined> = {
  'application/gzip': 'tar.gz',
  'application/x-gzip': 'tar.gz',
  'application/x-tar': 'tar',
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/octet-stream': undefined,
};

/** Register the problem routes. */
export function problemRoutes(app: App, { config, judging }: AppDeps): void {
  const max = config.problems.maxArchiveBytes;
  const { problems } = judging;

  /** The archive, its format and the options of an upload, from a raw body or the JSON form. */
  const upload = (
    req: FastifyRequest,
    query: { name?: string; public?: 'true' | 'false' },
  ): { archive: Buffer; format: ArchiveFormat; opts: UploadOptions } => {
    const fromQuery: UploadOptions = {
      ...(query.name !== undefined ? { name: query.name } : {}),
      ...(query.public ? { public: query.public === 'true' } : {}),
    };
    const body = req.body;
    if (Buffer.isBuffer(body)) {
      if (body.length > max) throw new AirlockError('AIRLOCK_ERR_BODY_TOO_LARGE', `an archive of ${body.length} bytes, at most ${max}`);
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const format = ARCHIVE_TYPES[type] ?? sniffFormat(body);
      if (!format) throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', 'neither a .tar.gz, a .tar nor a .zip archive');
      return { archive: body, format, opts: fromQuery };
    }
    if (!Value.Check(UploadJsonSchema, body)) {
      const first = Value.Errors(UploadJsonSchema, body).First();
      throw new AirlockError(
        'AIRLOCK_ERR_BAD_REQUEST',
        `body${first?.path ?? ''} ${first?.message ?? 'is invalid'}: send {"archive": base64, "format": "tar.gz" | "zip"} or the archive itself`,
      );
    }
    const archive = decodeField(body.archive, 'base64', 'archive');
    if (archive.length > max) throw new AirlockError('AIRLOCK_ERR_BODY_TOO_LARGE', `an archive of ${archive.length} bytes, at most ${max}`);
    const format = body.format === 'tgz' ? 'tar.gz' : body.format;
    return {
      archive,
      format,
      opts: { ...fromQuery, ...(body.name !== undefined ? { name: body.name } : {}), ...(body.public !== undefined ? { public: body.public } : {}) },
    };
  };

  // Raw archive bodies are parsed only here (an encapsulated scope); the JSON form may carry base64, a third larger.
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser(Object.keys(ARCHIVE_TYPES), { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.removeContentTypeParser('text/plain'); // a text body is neither form: 415

    const bodyLimit = Math.ceil((max * 4) / 3) + 65536;
    scope.post(
      '/v1/problems',
      {
        bodyLimit,
        schema: {
          summary:
            'Upload a problem package: a .tar.gz, .tar or .zip body (application/gzip, application/x-tar, application/zip), or JSON {archive: base64, format}',
          tags: ['problems'],
          querystring: UploadQuerySchema,
          response: { 201: ProblemViewSchema, ...errors },
        },
      },
      async (req, reply) => {
        const { archive, format, opts } = upload(req, req.query);
        const p = await problems.upload(archive, format, opts, req.principal);
        return reply.code(201).header('location', `/v1/problems/${p.id}`).send(problemView(p));
      },
    );
    scope.put(
      '/v1/problems/:id',
      {
        bodyLimit,
        schema: {
          summary: "Replace a problem's package (its owner only): a new revision; submissions already judged keep their results",
          tags: ['problems'],
          params: IdParamsSchema,
          querystring: UploadQuerySchema,
          response: { 200: ProblemViewSchema, ...errors },
        },
      },
      async (req) => {
        const { archive, format, opts } = upload(req, req.query);
        return problemView(await problems.replace(req.params.id, archive, format, opts, req.principal));
      },
    );
  });

  app.get(
    '/v1/problems',
    {
      schema: {
        summary: 'The problems this key may see: its own and the public ones',
        tags: ['problems'],
        response: { 200: T.Object({ problems: T.Array(ProblemItemSchema) }), ...errors },
      },
    },
    async (req) => ({ problems: (await problems.list(req.principal)).map(problemItem) }),
  );

  app.get(
    '/v1/problems/:id',
    {
      schema: {
        summary: 'A problem: statement, limits, samples, groups',
        tags: ['problems'],
        params: IdParamsSchema,
        response: { 200: ProblemViewSchema, ...errors },
      },
    },
    async (req) => problemView(await problems.get(req.params.id, req.principal)),
  );

  app.delete(
    '/v1/problems/:id',
    {
      schema: {
        summary: 'Delete a problem (its owner only); its submissions stay',
        tags: ['problems'],
        params: IdParamsSchema,
        response: { 204: T.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await problems.delete(req.params.id, req.principal);
      return reply.code(204).send(null);
    },
  );
}
