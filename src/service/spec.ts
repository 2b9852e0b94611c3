// A run request from the API turned into a checked, persistable spec, and the spec into the engine's request.
import type { RunRequest } from '../api/schemas/request.js';
import type { Config, Policy } from '../config/schema.js';
import type { ExecuteRequest } from '../engine/execute.js';
import { validateFiles } from '../engine/files.js';
import { AirlockError } from '../errors.js';
import { getLanguage, isInstalled } from '../languages/registry.js';
import type { RunSpec } from '../store/types.js';
import { applyCeilings } from './ceilings.js';
import { checkCallbackUrl } from './ssrf.js';
import { toJudgeSpec } from './judge-spec.js';
import { decodeField } from './text.js';

/** Everything a request is checked against. */
export interface SpecContext {
  config: Readonly<Config>;
  policy: Policy;
}

/** Check a request completely (so that an async run never fails later on the caller's mistake) and build its spec. */
export function toSpec(body: RunRequest, ctx: SpecContext): RunSpec {
  const { config, policy } = ctx;
  const lang = getLanguage(body.language);
  if (policy.languages && !policy.languages.includes(lang.id)) throw new AirlockError('AIRLOCK_ERR_FORBIDDEN', `language ${lang.id}`);
  if (!isInstalled(lang)) throw new AirlockError('AIRLOCK_ERR_LANGUAGE_NOT_INSTALLED', lang.id);
  if (body.network && !(config.sandbox.allowNetwork && policy.network)) {
    throw new AirlockError('AIRLOCK_ERR_FORBIDDEN', config.sandbox.allowNetwork ? 'network' : 'network (disabled on this server)');
  }

  const encoding = body.encoding ?? 'utf8';
  if ((body.source === undefined) === (body.files === undefined)) {
    throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'give either source or files');
  }
  const files = body.files
    ? body.files.map((f, i) => ({ name: f.name, content: decodeField(f.content, f.encoding ?? encoding, `files[${i}].content`) }))
    : [{ name: lang.source, content: decodeField(body.source!, encoding, 'source') }];
  const total = files.reduce((n, f) => n + f.content.length, 0);
  if (total === 0) throw new AirlockError('AIRLOCK_ERR_EMPTY_SOURCE');
  if (total > config.runs.maxSourceBytes) throw new AirlockError('AIRLOCK_ERR_SOURCE_TOO_LARGE', `${total} bytes, at most ${config.runs.maxSourceBytes}`);
  validateFiles(files);
  if (body.main !== undefined && !files.some((f) => f.name === body.main)) {
    throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `main file ${JSON.stringify(body.main)} is not among the files`);
  }

  const judge = toJudgeSpec(body, encoding, config);
  const stdin = body.stdin === undefined || judge ? undefined : decodeField(body.stdin, encoding, 'stdin');
  if (stdin && stdin.length > config.runs.maxStdinBytes) {
    throw new AirlockError('AIRLOCK_ERR_STDIN_TOO_LARGE', `${stdin.length} bytes, at most ${config.runs.maxStdinBytes}`);
  }
  for (const a of [...(body.args ?? []), ...(body.compileOptions ?? [])]) {
    if (a.includes('\0')) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', 'arguments must not contain NUL bytes');
  }
  if (body.callbackUrl !== undefined) checkCallbackUrl(body.callbackUrl, config.webhooks.allowPrivate);

  const limits = applyCeilings(lang, body.limits, config.ceilings, policy, 'run');
  const compileLimits = applyCeilings(lang, body.compileLimits, config.ceilings, policy, 'compile');
  return {
    language: lang.id,
    files: files.map((f) => ({ name: f.name, content: f.content.toString('base64') })),
    ...(body.main !== undefined ? { main: body.main } : {}),
    ...(stdin ? { stdin: stdin.toString('base64') } : {}),
    ...(body.args ? { args: body.args } : {}),
    ...(body.compileOptions ? { compileOptions: body.compileOptions } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
    ...(Object.keys(compileLimits).length ? { compileLimits } : {}),
    ...(body.network ? { network: true } : {}),
    outputEncoding: body.outputEncoding ?? 'utf8',
    ...(judge ? { judge } : {}),
  };
}

/** The engine's request for a stored spec. */
export function toExecute(spec: RunSpec): ExecuteRequest {
  return {
    language: spec.language,
    files: spec.files.map((f) => ({ name: f.name, content: Buffer.from(f.content, 'base64') })),
    ...(spec.main !== undefined ? { main: spec.main } : {}),
    stdin: spec.stdin ? Buffer.from(spec.stdin, 'base64') : Buffer.alloc(0),
    ...(spec.args ? { args: spec.args } : {}),
    ...(spec.compileOptions ? { compileOptions: spec.compileOptions } : {}),
    ...(spec.limits ? { limits: spec.limits } : {}),
    ...(spec.compileLimits ? { compileLimits: spec.compileLimits } : {}),
  };
}
