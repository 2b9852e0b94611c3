// Loading the configuration once: defaults <- config file <- AIRLOCK_* environment <- flags; validated, then frozen.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AirlockError } from '../errors.js';
import { checkLauncherFile } from './check.js';
import { type Config, ConfigSchema, ENV_ALIASES } from './schema.js';

/** Where the values come from; flags win over the environment, which wins over the file. */
export interface ConfigSources {
  /** JSON config file (also $AIRLOCK_CONFIG). */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Dotted paths to values, from command-line flags (already typed or strings). */
  flags?: Record<string, unknown>;
  /** A command's own defaults (dotted paths), under every other source: `airlock run` stages in $TMPDIR, not /var/lib. */
  defaults?: Record<string, unknown>;
}

/** Load, validate and deep-freeze the configuration; a bad value throws AIRLOCK_ERR_BAD_CONFIG naming the key. */
export function loadConfig(sources: ConfigSources = {}): Readonly<Config> {
  const env = sources.env ?? {};
  const origin = new Map<string, string>();
  const raw: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(sources.defaults ?? {})) {
    const leaf = leaves(ConfigSchema).find((l) => l.path.join('.') === path);
    if (!leaf) throw bad(path, 'default', 'unknown setting');
    setPath(raw, leaf.path, value, origin, 'default');
  }
  const file = sources.file ?? env.AIRLOCK_CONFIG;
  if (file) mergeFile(raw, file, origin);
  for (const { path, name, schema } of leaves(ConfigSchema)) {
    // The setting's own name first, then the older names it had (ENV_ALIASES), so existing deployments keep working.
    const used = [name, ...((schema[ENV_ALIASES] as string[] | undefined) ?? [])].find((n) => env[n] !== undefined);
    if (used) setPath(raw, path, coerce(env[used]!, schema), origin, `environment ${used}`);
  }
  for (const [path, value] of Object.entries(sources.flags ?? {})) {
    if (value === undefined) continue;
    const leaf = leaves(ConfigSchema).find((l) => l.path.join('.') === path);
    if (!leaf) throw bad(path, 'flag', 'unknown setting');
    setPath(raw, leaf.path, typeof value === 'string' ? coerce(value, leaf.schema) : value, origin, 'flag');
  }
  if (raw.slots === undefined) raw.slots = availableParallelism();
  const config = Value.Default(ConfigSchema, raw) as Config;
  const first = Value.Errors(ConfigSchema, config).First();
  if (first) {
    const key = first.path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
    throw bad(key, origin.get(key) ?? 'default', first.message);
  }
  // Node refuses a headers timeout longer than the request timeout; say so in our words.
  if (config.server.headersTimeout > config.server.requestTimeout) {
    throw bad(
      'server.headersTimeout',
      origin.get('server.headersTimeout') ?? 'default',
      `must not exceed server.requestTimeout (${config.server.requestTimeout})`,
    );
  }
  // Checks the schema cannot state: the launcher binary runs as root, so who may replace it matters.
  const launcherProblem = config.sandbox.launcher ? checkLauncherFile(config.sandbox.launcher) : undefined;
  if (launcherProblem) throw bad('sandbox.launcher', origin.get('sandbox.launcher') ?? 'default', launcherProblem);
  return deepFreeze(config);
}

/** Every scalar or array setting with its dotted path and environment variable name. */
export function leaves(schema: TSchema, path: string[] = []): { path: string[]; name: string; schema: TSchema }[] {
  if (schema.type === 'object' && schema.properties) {
    return Object.entries(schema.properties as Record<string, TSchema>).flatMap(([k, s]) => leaves(s, [...path, k]));
  }
  return [{ path, name: `AIRLOCK_${path.map(snake).join('_')}`, schema }];
}

function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Strings from the environment or flags, typed by the schema; a value that does not convert is left for validation to name. */
function coerce(text: string, schema: TSchema): unknown {
  const t = (schema.type ?? (schema.anyOf as TSchema[] | undefined)?.[0]?.type) as unknown;
  if (t === 'number' || t === 'integer') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (t === 'boolean')
    return ({ true: true, '1': true, yes: true, false: false, '0': false, no: false } as Record<string, boolean>)[text.toLowerCase()] ?? text;
  if (t === 'array')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return text;
}

function mergeFile(raw: Record<string, unknown>, file: string, origin: Map<string, string>): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AirlockError('AIRLOCK_ERR_BAD_CONFIG', `${file}: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AirlockError('AIRLOCK_ERR_BAD_CONFIG', `${file}: not a JSON object`);
  const walk = (obj: Record<string, unknown>, path: string[]) => {
    for (const [k, v] of Object.entries(obj)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, [...path, k]);
      else setPath(raw, [...path, k], v, origin, `file ${file}`);
    }
  };
  walk(parsed as Record<string, unknown>, []);
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown, origin: Map<string, string>, from: string): void {
  let o = obj;
  for (const k of path.slice(0, -1)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw bad(path.join('.'), from, 'reserved name');
    o = (o[k] ??= {}) as Record<string, unknown>;
  }
  o[path.at(-1)!] = value;
  origin.set(path.join('.'), from);
}

function bad(key: string, from: string, why: string): AirlockError {
  return new AirlockError('AIRLOCK_ERR_BAD_CONFIG', `${key} (${from}): ${why}`);
}

/** Freeze an object and everything under it: the configuration never changes after start. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
