// A run request from the API turned into a checked, persistable spec, and the spec into the engine's request.
import type { RunRequest } from '../contracts/request.js';
import type { Config, Policy } from '../config/schema.js';
import type { ExecuteRequest } from '../engine/execute.js';
import { AirlockError } from '../errors.js';
import { getLanguage } from '../languages/registry.js';
import type { RunSpec } from '../store/types.js';
import { applyCeilings } from './ceilings.js';
import { checkCallbackUrl } from './ssrf.js';
import { toJudgeSpec } from './judge-spec.js';
import { allowedLanguage, checkArgs, decodeSources } from './sources.js';
import { decodeField } from './text.js';

/** Everything a request is checked against. */
export interface SpecContext {
  config: Readonly<Config>;
  policy: Policy;
}

/** Check a request completely (so that an async run never fails later on the caller's mistake) and build its spec. */
export function toSpec(body: RunRequest, ctx: SpecContext): RunSpec {
  const { config, policy } = ctx;
  const lang = allowedLanguage(getLanguage(body.language), policy);
  if (body.network && !(config.sandbox.allowNetwork && policy.network)) {
    throw new AirlockError('AIRLOCK_ERR_FORBIDDEN', config.sandbox.allowNetwork ? 'network' : 'network (disabled on this server)');
  }

  const encoding = body.encoding ?? 'utf8';
  const files = decodeSources(body, encoding, config.runs.maxSourceBytes, () => lang.source);

  const judge = toJudgeSpec(body, encoding, config);
  const stdin = body.stdin === undefined || judge ? undefined : decodeField(body.stdin, encoding, 'stdin');
  if (stdin && stdin.length > config.runs.maxStdinBytes) {
    throw new AirlockError('AIRLOCK_ERR_STDIN_TOO_LARGE', `${stdin.length} bytes, at most ${config.runs.maxStdinBytes}`);
  }
  checkArgs([...(body.args ?? []), ...(body.compileOptions ?? [])]);
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
    ...(spec.compat ? { dialect: spec.compat.api } : {}),
    ...(spec.limits ? { limits: spec.limits } : {}),
    ...(spec.compileLimits ? { compileLimits: spec.compileLimits } : {}),
  };
}
