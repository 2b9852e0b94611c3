// A Piston job (execute's body, or connect's init message) checked with Piston's messages, then as a native request.
import type { RunRequest } from '../../contracts/request.js';
import { limitBounds } from '../../config/limit-bounds.js';
import type { Config } from '../../config/schema.js';
import { PistonError } from './errors.js';
import { pistonFiles } from './files.js';
import { findRuntime, type Runtime } from './runtimes.js';
import { BOX_OUTPUT_BYTES } from './truncate.js';

export { PistonError } from './errors.js';

/** Piston's per-stage constraints, in its units (milliseconds, bytes), with its defaults; -1 memory is "no limit". */
const CONSTRAINTS = {
  compile_timeout: 10_000,
  run_timeout: 3_000,
  compile_cpu_time: 10_000,
  run_cpu_time: 3_000,
  compile_memory_limit: -1,
  run_memory_limit: -1,
} as const;
type Constraint = keyof typeof CONSTRAINTS;

/** The largest value a constraint may take here: airlock's ceilings (which also bound the compile stage). */
function configured(config: Readonly<Config>, c: Constraint): number {
  const k = config.ceilings;
  if (c.endsWith('timeout')) return k.wallTime * 1000;
  if (c.endsWith('cpu_time')) return k.cpuTime * 1000;
  return k.memory;
}

/** The smallest positive value a constraint may take: airlock's range (limit-bounds.ts) in Piston's units. */
function lowest(c: Constraint): number {
  return c.endsWith('memory_limit') ? limitBounds.memory.minimum : Math.max(limitBounds.cpuTime.minimum, limitBounds.wallTime.minimum) * 1000;
}

function decode(content: string, encoding: unknown, i: number): Buffer {
  switch (encoding ?? 'utf8') {
    case 'utf8':
      return Buffer.from(content, 'utf8');
    case 'base64':
      return Buffer.from(content, 'base64');
    case 'hex':
      if (!/^([0-9a-fA-F]{2})*$/.test(content)) throw new PistonError(`files[${i}].content is not valid hex`);
      return Buffer.from(content, 'hex');
    default:
      throw new PistonError(`files[${i}].encoding must be one of base64, hex, utf8`);
  }
}

/** Check a job; `withStdin` is false for connect's init (stdin comes as data messages). */
export async function translateJob(raw: unknown, config: Readonly<Config>, withStdin: boolean): Promise<{ run: RunRequest; runtime: Runtime }> {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const { language, version, files, stdin, args } = body;
  if (typeof language !== 'string' || !language) throw new PistonError('language is required as a string');
  if (typeof version !== 'string' || !version) throw new PistonError('version is required as a string');
  if (!Array.isArray(files) || files.length === 0) throw new PistonError('files is required as an array');
  files.forEach((f, i) => {
    if (!f || typeof f !== 'object' || typeof (f as { content?: unknown }).content !== 'string')
      throw new PistonError(`files[${i}].content is required as a string`);
  });
  // Piston hands args to spawn, which makes strings of numbers: the official CLI sends `run x.py 1 2` as [1, 2].
  const argument = (a: unknown) => typeof a === 'string' || (typeof a === 'number' && Number.isFinite(a)) || typeof a === 'boolean';
  if (args !== undefined && (!Array.isArray(args) || !args.every(argument))) throw new PistonError('args must be an array of strings');
  if (withStdin && stdin !== undefined && typeof stdin !== 'string') throw new PistonError('stdin must be a string');
  const runtime = await findRuntime(language, version);
  if (!runtime) throw new PistonError(`${language}-${version} runtime is unknown`);

  const value: Record<string, number> = {};
  for (const c of Object.keys(CONSTRAINTS) as Constraint[]) {
    const v = body[c];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new PistonError(`If specified, ${c} must be a number`);
    if (v > configured(config, c)) throw new PistonError(`${c} cannot exceed the configured limit of ${configured(config, c)}`);
    if (v < 0 && !(c.endsWith('memory_limit') && v === -1)) throw new PistonError(`${c} must be non-negative`);
    // 0 means "the ceiling" (times) or "no limit" (memory); above it, a value below what a box can run is refused.
    if (v > 0 && v < lowest(c)) throw new PistonError(`${c} must be at least ${lowest(c)}`);
    value[c] = v;
  }
  const get = (c: Constraint) => value[c] ?? CONSTRAINTS[c];
  const memory = (c: Constraint) => (get(c) > 0 ? { memory: Math.floor(get(c)) } : {});
  const given = files as { name?: unknown; content: string; encoding?: unknown }[];
  const named = pistonFiles(
    runtime.lang,
    given.map((f, i) => ({ name: f.name, content: decode(f.content, f.encoding, i), utf8: (f.encoding ?? 'utf8') === 'utf8' })),
  );
  // Piston ends stdin with a newline when it lacks one (so an empty stdin is "\n").
  const text = typeof stdin === 'string' ? stdin : '';
  const input = text.endsWith('\n') ? text : `${text}\n`;
  // execute stops a stage soon after Piston's output_max_size (truncate.ts); the WebSocket streams under airlock's own cap.
  const output = withStdin ? { output: BOX_OUTPUT_BYTES } : {};
  const run: RunRequest = {
    language: runtime.lang.id,
    encoding: 'base64',
    files: named.map((f) => ({ name: f.name, content: f.content.toString('base64') })),
    ...(withStdin ? { stdin: Buffer.from(input, 'utf8').toString('base64') } : {}),
    ...(Array.isArray(args) && args.length ? { args: args.map(String) } : {}),
    limits: { wallTime: get('run_timeout') / 1000, cpuTime: get('run_cpu_time') / 1000, ...memory('run_memory_limit'), ...output },
    compileLimits: { wallTime: get('compile_timeout') / 1000, cpuTime: get('compile_cpu_time') / 1000, ...memory('compile_memory_limit'), ...output },
    outputEncoding: 'base64',
  };
  // A zero time limit means "none" to Piston's users; airlock needs a positive one: the ceiling.
  for (const l of [run.limits!, run.compileLimits!]) {
    if (!l.wallTime) l.wallTime = config.ceilings.wallTime;
    if (!l.cpuTime) l.cpuTime = config.ceilings.cpuTime;
  }
  if (!runtime.lang.compile) delete run.compileLimits;
  return { run, runtime };
}
