// A Judge0 submission checked as Judge0 checks it (422 with per-attribute messages), then as a native run request.
import type { RunRequest } from '../../contracts/request.js';
import { limitBounds } from '../../config/limit-bounds.js';
import type { Config, Policy } from '../../config/schema.js';
import { shellWords } from '../shared/words.js';
import { judge0Config } from './config.js';
import { Judge0Invalid } from './invalid.js';
import { resolveId } from './languages.js';
import type { Judge0Meta } from './meta.js';
import { kindFiles } from './project.js';

/** A translated submission: the native request, what Judge0 keeps, and the zip to extract (if any). */
export interface Translated {
  run: RunRequest;
  meta: Judge0Meta;
  zip?: Buffer;
}

/** Ruby's Base64.decode64: lenient, whitespace and stray characters ignored. */
export function decode64(text: string): Buffer {
  return Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

type Errors = Record<string, string[]>;
const add = (errors: Errors, field: string, message: string) => (errors[field] ??= []).push(message);

/** A number as Rails reads one: a JSON number or a numeric string; null when absent. */
function numeric(body: Record<string, unknown>, field: string, errors: Errors): number | null {
  const v = body[field];
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) {
    add(errors, field, 'is not a number');
    return null;
  }
  return n;
}

/** A boolean as Rails casts one; null when absent. */
function bool(body: Record<string, unknown>, field: string): boolean | null {
  const v = body[field];
  if (v === undefined || v === null || v === '') return null;
  // Anything that is not one of Rails' false values (an object, an array) casts to true.
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return true;
  return !(v === false || v === 0 || ['false', 'f', '0', 'off', 'no'].includes(String(v).toLowerCase()));
}

function text(body: Record<string, unknown>, field: string, errors: Errors): string | null {
  const v = body[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    add(errors, field, 'must be a string');
    return null;
  }
  return v;
}

/** Judge0's maxima of these are Ruby floats (Config's `.to_f`), which Rails' messages print as "20.0". */
const FLOATS = new Set(['cpu_time_limit', 'cpu_extra_time', 'wall_time_limit']);
const rubyFloat = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));

/**
 * A limit: given (checked against min <= v <= max, in Rails' words) or the default, which is lowered to the key's own
 * ceiling. `above` marks Judge0's strict bounds ("must be greater than 0").
 */
function limit(value: number | null, field: string, dflt: number, min: number, max: number, keyMax: number | undefined, errors: Errors, above = false): number {
  if (value === null) return keyMax !== undefined ? Math.min(dflt, keyMax) : dflt;
  if (above ? value <= min : value < min) add(errors, field, above ? `must be greater than ${min}` : `must be greater than or equal to ${min}`);
  else if (value > max) add(errors, field, `must be less than or equal to ${FLOATS.has(field) ? rubyFloat(max) : max}`);
  return value;
}

/**
 * Judge0 CE 1.13.1's lower bounds (app/models/submission.rb): number_of_runs and max_processes_and_or_threads above 0,
 * wall_time_limit at least 1, memory_limit at least 2048, the others at least 0. A 0 that isolate reads as "no limit"
 * (cpu_time_limit, max_file_size) runs under this server's maximum instead.
 */
const minimum = {
  cpu_time_limit: 0,
  cpu_extra_time: 0,
  wall_time_limit: 1,
  memory_limit: 2048,
  stack_limit: 0,
  max_processes_and_or_threads: 0,
  max_file_size: 0,
  number_of_runs: 0,
};

/** Check and translate one submission body; throws Judge0Invalid (422). */
export function translate(raw: unknown, base64: boolean, config: Readonly<Config>, policy: Policy): Translated {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Judge0Invalid({ submission: ['must be a JSON object'] });
  const body = raw as Record<string, unknown>;
  const errors: Errors = {};
  const j = judge0Config(config);
  const ceil = policy.ceilings ?? {};
  const kb = (b: number | undefined) => (b === undefined ? undefined : Math.floor(b / 1024));

  const languageId = numeric(body, 'language_id', errors);
  const resolved = languageId === null ? undefined : resolveId(languageId);
  const lang = resolved && 'language' in resolved ? resolved.language : undefined;
  const project = lang?.kind === 'project';
  const source = text(body, 'source_code', errors);
  const additional = text(body, 'additional_files', errors);
  const blank = (v: string | null) => v === null || v.trim() === '';
  if (body.language_id === undefined || body.language_id === null || body.language_id === '') add(errors, 'language_id', "can't be blank");
  // A multi-file program is its additional_files alone (Judge0 validates source_code absent, the zip present).
  if (project) {
    if (!blank(source)) add(errors, 'source_code', 'must be blank');
    if (blank(additional)) add(errors, 'additional_files', "can't be blank");
  } else if (source === null || source === '') add(errors, 'source_code', "can't be blank");
  if (languageId !== null && !resolved) add(errors, 'language_id', `language with id ${languageId} doesn't exist`);
  if (languageId !== null && resolved && 'archived' in resolved)
    add(errors, 'language_id', `language with id ${languageId} is archived and cannot be used anymore`);

  const maxCpu = Math.min(ceil.cpuTime ?? Infinity, config.ceilings.cpuTime);
  const cpu = limit(
    numeric(body, 'cpu_time_limit', errors),
    'cpu_time_limit',
    j.cpu_time_limit,
    minimum.cpu_time_limit,
    j.max_cpu_time_limit,
    ceil.cpuTime,
    errors,
  );
  const extra = limit(
    numeric(body, 'cpu_extra_time', errors),
    'cpu_extra_time',
    j.cpu_extra_time,
    minimum.cpu_extra_time,
    j.max_cpu_extra_time,
    undefined,
    errors,
  );
  const wall = limit(
    numeric(body, 'wall_time_limit', errors),
    'wall_time_limit',
    j.wall_time_limit,
    minimum.wall_time_limit,
    j.max_wall_time_limit,
    ceil.wallTime,
    errors,
  );
  const memory = limit(
    numeric(body, 'memory_limit', errors),
    'memory_limit',
    j.memory_limit,
    minimum.memory_limit,
    j.max_memory_limit,
    kb(ceil.memory),
    errors,
  );
  const stack = limit(numeric(body, 'stack_limit', errors), 'stack_limit', j.stack_limit, minimum.stack_limit, j.max_stack_limit, undefined, errors);
  const procs = limit(
    numeric(body, 'max_processes_and_or_threads', errors),
    'max_processes_and_or_threads',
    j.max_processes_and_or_threads,
    minimum.max_processes_and_or_threads,
    j.max_max_processes_and_or_threads,
    ceil.processes,
    errors,
    true,
  );
  const fileSize = limit(
    numeric(body, 'max_file_size', errors),
    'max_file_size',
    j.max_file_size,
    minimum.max_file_size,
    j.max_max_file_size,
    kb(ceil.fileSize),
    errors,
  );
  const numberOfRuns = limit(
    numeric(body, 'number_of_runs', errors),
    'number_of_runs',
    j.number_of_runs,
    minimum.number_of_runs,
    j.max_number_of_runs,
    undefined,
    errors,
    true,
  );
  // Limits hold for all of a box's processes together; per-process limits cannot be had (docs/compat.md).
  for (const f of ['enable_per_process_and_thread_time_limit', 'enable_per_process_and_thread_memory_limit']) {
    if (bool(body, f)) add(errors, f, 'this option cannot be enabled');
  }
  const network = bool(body, 'enable_network') ?? false;
  if (network && !(config.sandbox.allowNetwork && policy.network)) add(errors, 'enable_network', 'enabling network is not allowed');
  const compilerOptions = text(body, 'compiler_options', errors);
  const cliArgs = text(body, 'command_line_arguments', errors);
  for (const [f, v] of [
    ['compiler_options', compilerOptions],
    ['command_line_arguments', cliArgs],
  ] as const) {
    if (v !== null && v.length > 512) add(errors, f, 'is too long (maximum is 512 characters)');
  }
  if (lang && !lang.compiled && !blank(compilerOptions)) add(errors, 'compiler_options', 'setting compiler options is only allowed for compiled languages');
  const stdin = text(body, 'stdin', errors);
  const expected = text(body, 'expected_output', errors);
  const callbackUrl = text(body, 'callback_url', errors);
  const words = (v: string | null, f: string) => {
    try {
      return v === null ? [] : shellWords(v, f);
    } catch (e) {
      add(errors, f, (e as Error).message.replace(/^Bad argument: /, ''));
      return [];
    }
  };
  const args = project ? [] : words(cliArgs, 'command_line_arguments');
  const options = words(compilerOptions, 'compiler_options');
  if (Object.keys(errors).length || !lang) throw new Judge0Invalid(errors);

  // Every text goes to the native path as base64 of its bytes: what Judge0 received is what the program gets.
  const bytes = (v: string) => (base64 ? decode64(v) : Buffer.from(v, 'utf8'));
  const code = bytes(source ?? '');
  const files = lang.kind === 'language' ? [{ name: lang.lang.source, content: code }] : kindFiles(lang.kind, code);
  // isolate reads 0 as no limit: the largest this server allows. Judge0 caps each of stdout and stderr at
  // max_file_size (its -f); the box's output cap is their sum, and view.ts cuts each stream at max_file_size.
  const fileBytes = Math.max(1, Math.floor((fileSize || j.max_max_file_size) * 1024));
  const run: RunRequest = {
    language: lang.lang.id,
    encoding: 'base64',
    files: files.map((f) => ({ name: f.name, content: f.content.toString('base64') })),
    ...(stdin !== null ? { stdin: bytes(stdin).toString('base64') } : {}),
    ...(args.length ? { args } : {}),
    ...(options.length && lang.lang.compile ? { compileOptions: options } : {}),
    limits: {
      // The box is killed at limit + extra time; the status says TLE above the limit itself (as isolate's -x does).
      cpuTime: cpu === 0 ? maxCpu : Math.max(limitBounds.cpuTime.minimum, Math.min(cpu + extra, maxCpu)),
      wallTime: wall,
      // Whole bytes and processes: the box takes integers (a fraction of a KB or of a process rounds down).
      memory: Math.floor(memory * 1024),
      processes: Math.max(1, Math.floor(procs)),
      fileSize: fileBytes,
      output: Math.min(2 * fileBytes, config.ceilings.output, ceil.output ?? Infinity),
    },
    ...(network ? { network: true } : {}),
    ...(callbackUrl ? { callbackUrl } : {}),
    outputEncoding: 'base64',
  };
  const meta: Judge0Meta = {
    api: 'judge0',
    language_id: languageId!,
    ...(lang.kind !== 'language' ? { kind: lang.kind } : {}),
    expected_output: expected === null ? null : bytes(expected).toString('base64'),
    number_of_runs: numberOfRuns,
    cpu_time_limit: cpu,
    cpu_extra_time: extra,
    wall_time_limit: wall,
    memory_limit: memory,
    stack_limit: stack,
    max_processes_and_or_threads: procs,
    enable_per_process_and_thread_time_limit: false,
    enable_per_process_and_thread_memory_limit: false,
    max_file_size: fileSize,
    redirect_stderr_to_stdout: bool(body, 'redirect_stderr_to_stdout') ?? false,
    enable_network: network,
    compiler_options: compilerOptions,
    command_line_arguments: cliArgs,
    callback_url: callbackUrl,
    additional_files: additional === null ? null : decode64(additional).toString('base64'),
  };
  return { run, meta, ...(additional !== null ? { zip: decode64(additional) } : {}) };
}
