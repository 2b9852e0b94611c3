// A run as a Judge0 submission: its attributes, `fields` selection and base64 rules.
import type { RunRecord } from '../../store/types.js';
import { isUtf8 } from '../../service/text.js';
import { stageBytes } from '../shared/output.js';
import { judge0Meta, type Judge0Meta } from './meta.js';
import { judge0Language, judge0Name } from './languages.js';
import { outputMatches } from './compare.js';
import { COMPILE_FAILED_SIGNAL, sourceIndex } from './project.js';
import { S, status } from './statuses.js';

const SIGKILL = 9;
const SIGXFSZ = 25;
const SIGSYS = 31;

/** Every attribute `fields=*` gives, in Judge0's order. */
export const ALL_FIELDS = [
  'source_code',
  'language_id',
  'stdin',
  'expected_output',
  'stdout',
  'status_id',
  'created_at',
  'finished_at',
  'time',
  'memory',
  'stderr',
  'token',
  'number_of_runs',
  'cpu_time_limit',
  'cpu_extra_time',
  'wall_time_limit',
  'memory_limit',
  'stack_limit',
  'max_processes_and_or_threads',
  'enable_per_process_and_thread_time_limit',
  'enable_per_process_and_thread_memory_limit',
  'max_file_size',
  'compile_output',
  'exit_code',
  'exit_signal',
  'message',
  'wall_time',
  'compiler_options',
  'command_line_arguments',
  'redirect_stderr_to_stdout',
  'callback_url',
  'additional_files',
  'enable_network',
  'status',
  'language',
] as const;

/** What GET /submissions/:token answers without `fields`. */
export const DEFAULT_FIELDS = ['stdout', 'time', 'memory', 'stderr', 'token', 'compile_output', 'message', 'status'];

/** The `fields` query: the attributes asked for, or the names that are not attributes. */
export function parseFields(fields: string | undefined): { fields: string[] } | { invalid: string[] } {
  if (fields === undefined || fields.trim() === '') return { fields: DEFAULT_FIELDS };
  const asked = fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (asked.includes('*')) return { fields: [...ALL_FIELDS] };
  const invalid = asked.filter((f) => !(ALL_FIELDS as readonly string[]).includes(f));
  return invalid.length ? { invalid } : { fields: asked };
}

/** Ruby's Base64.encode64, which Judge0 uses: lines of 60 characters, each ending in a newline. */
export function encode64(bytes: Buffer): string {
  const b = bytes.toString('base64');
  let out = '';
  for (let i = 0; i < b.length; i += 60) out += `${b.slice(i, i + 60)}\n`;
  return out;
}

/** Text that cannot be sent without base64 (the caller asked for plain text). */
export class NotUtf8 extends Error {}

/** Bytes beyond Judge0's max_file_size (in KB; 0 is no limit, as isolate reads it). */
const over = (b: Buffer, kb: number | undefined) => kb !== undefined && kb > 0 && b.length > kb * 1024;

/**
 * The run's outcome in Judge0's terms: status, output bytes, message, numbers.
 *
 * Judge0 CE 1.13.1 runs every program as `/bin/bash run.sh`, so isolate sees Bash's end, not the program's: a program
 * killed by signal n (SIGSEGV, SIGFPE, SIGABRT, the SIGKILL of the memory limit, the SIGXFSZ of max_file_size) leaves
 * Bash exiting with 128 + n, which isolate reports as "Exited with error status 128+n" and Judge0 as status 11
 * (NZEC) with exit_signal null. Statuses 7-10 and 12 are in /statuses but a 1.13.1 server never reaches them.
 */
function outcome(run: RunRecord, meta: Judge0Meta | undefined) {
  const none = { stdout: null, stderr: null, compile: null, message: null, exitCode: null, exitSignal: null, time: null, wallTime: null, memory: null } as {
    stdout: Buffer | null;
    stderr: Buffer | null;
    compile: Buffer | null;
    message: string | null;
    exitCode: number | null;
    exitSignal: number | null;
    time: number | null;
    wallTime: number | null;
    memory: number | null;
  };
  if (run.state === 'queued') return { ...none, status: S.queue };
  if (run.state === 'running') return { ...none, status: S.processing };
  if (run.state !== 'done' || !run.result) {
    return { ...none, status: S.internalError, message: run.state === 'cancelled' ? 'the submission was cancelled' : (run.error ?? 'the run failed') };
  }
  const r = run.result;
  const nonEmpty = (b: Buffer) => (b.length ? b : null);
  if (r.status === 'CE') {
    const c = r.compile ? stageBytes(r.compile, r.encoding) : { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
    const compile = nonEmpty(Buffer.concat([c.stdout, c.stderr]));
    return { ...none, status: S.compilationError, compile, message: r.compile?.status === 'RE' ? null : r.message || null };
  }
  let { stdout, stderr } = stageBytes(r, r.encoding);
  // A multi-file program's compile script failed (project.ts): its output is the compile output.
  if (meta?.kind === 'project' && r.status === 'RE' && r.signal === COMPILE_FAILED_SIGNAL) {
    return { ...none, status: S.compilationError, compile: nonEmpty(stdout) };
  }
  // Each stream is a file Judge0 caps at max_file_size; the write past it is the program's SIGXFSZ.
  const tooBig = r.status === 'OLE' || over(stdout, meta?.max_file_size) || over(stderr, meta?.max_file_size);
  if (meta?.max_file_size) {
    stdout = stdout.subarray(0, meta.max_file_size * 1024);
    stderr = stderr.subarray(0, meta.max_file_size * 1024);
  }
  if (meta?.redirect_stderr_to_stdout) {
    stdout = Buffer.concat([stdout, stderr]);
    stderr = Buffer.alloc(0);
  }
  const base = {
    ...none,
    stdout: nonEmpty(stdout),
    stderr: nonEmpty(stderr),
    compile: r.compile ? nonEmpty(Buffer.concat(Object.values(stageBytes(r.compile, r.encoding)))) : null,
    exitCode: r.signal ? null : r.exitCode,
    exitSignal: r.signal || null,
    time: r.cpuTime,
    wallTime: r.wallTime,
    memory: Math.round(r.memory / 1024),
  };
  const bashExit = (code: number) => ({ ...base, status: S.nzec, exitCode: code, exitSignal: null, message: `Exited with error status ${code}` });
  if (r.status === 'TLE') return { ...base, status: S.timeLimit, message: 'Time limit exceeded' };
  if (tooBig) return bashExit(128 + SIGXFSZ);
  switch (r.status) {
    case 'OK': {
      // cpu_extra_time: the program was allowed to finish, but above cpu_time_limit it is still too slow (0: no limit).
      if (meta?.cpu_time_limit && r.cpuTime > meta.cpu_time_limit) return { ...base, status: S.timeLimit, message: 'Time limit exceeded' };
      if (meta?.expected_output != null)
        return { ...base, status: outputMatches(stdout, Buffer.from(meta.expected_output, 'base64')) ? S.accepted : S.wrongAnswer };
      return { ...base, status: S.accepted };
    }
    case 'RE':
    case 'MLE':
      // The memory limit's kill is SIGKILL (137); a runtime that stops itself at its heap cap exits with its own code.
      return bashExit(r.signal ? 128 + r.signal : r.exitCode || (r.status === 'MLE' ? 128 + SIGKILL : 1));
    case 'SV':
      // Judge0 has no system call filter: the kill is reported like any other, with airlock's reason as the message.
      return { ...bashExit(128 + (r.signal || SIGSYS)), message: `Forbidden system call: ${r.message}` };
    default:
      return { ...base, status: S.internalError, message: r.message || 'internal error' };
  }
}

/** A submission with the asked fields; throws NotUtf8 when plain text was asked and some text is not UTF-8. */
export async function submissionView(run: RunRecord, fields: string[], base64: boolean): Promise<Record<string, unknown>> {
  const meta = judge0Meta(run.spec.compat);
  const o = outcome(run, meta);
  const lang = meta ? judge0Language(meta.language_id) : undefined;
  const at = sourceIndex(meta?.kind);
  const file = at === undefined ? undefined : run.spec.files[at];
  const source = file ? Buffer.from(file.content, 'base64') : null;
  const text = (b: Buffer | null, field: string): string | null => {
    if (b === null) return null;
    if (base64) return encode64(b);
    if (!isUtf8(b)) throw new NotUtf8(field);
    return b.toString('utf8');
  };
  const decimal = (n: number | null | undefined) => (n === null || n === undefined ? null : n.toFixed(3));
  const values: Record<string, () => unknown> = {
    source_code: () => text(source, 'source_code'),
    language_id: () => meta?.language_id ?? null,
    stdin: () => text(run.spec.stdin ? Buffer.from(run.spec.stdin, 'base64') : meta ? Buffer.alloc(0) : null, 'stdin'),
    expected_output: () => text(meta?.expected_output != null ? Buffer.from(meta.expected_output, 'base64') : null, 'expected_output'),
    stdout: () => text(o.stdout, 'stdout'),
    status_id: () => o.status,
    created_at: () => new Date(run.createdAt).toISOString(),
    finished_at: () => (run.finishedAt === null ? null : new Date(run.finishedAt).toISOString()),
    time: () => decimal(o.time),
    memory: () => o.memory,
    stderr: () => text(o.stderr, 'stderr'),
    token: () => run.id,
    number_of_runs: () => meta?.number_of_runs ?? 1,
    cpu_time_limit: () => decimal(meta?.cpu_time_limit),
    cpu_extra_time: () => decimal(meta?.cpu_extra_time),
    wall_time_limit: () => decimal(meta?.wall_time_limit),
    memory_limit: () => meta?.memory_limit ?? null,
    stack_limit: () => meta?.stack_limit ?? null,
    max_processes_and_or_threads: () => meta?.max_processes_and_or_threads ?? null,
    enable_per_process_and_thread_time_limit: () => false,
    enable_per_process_and_thread_memory_limit: () => false,
    max_file_size: () => meta?.max_file_size ?? null,
    compile_output: () => text(o.compile, 'compile_output'),
    exit_code: () => o.exitCode,
    exit_signal: () => o.exitSignal,
    message: () => text(o.message === null ? null : Buffer.from(o.message, 'utf8'), 'message'),
    wall_time: () => decimal(o.wallTime),
    compiler_options: () => meta?.compiler_options ?? null,
    command_line_arguments: () => meta?.command_line_arguments ?? null,
    redirect_stderr_to_stdout: () => meta?.redirect_stderr_to_stdout ?? false,
    callback_url: () => meta?.callback_url ?? null,
    // A zip is bytes: always base64, as Judge0 stores it.
    additional_files: () => (meta?.additional_files ? encode64(Buffer.from(meta.additional_files, 'base64')) : null),
    enable_network: () => meta?.enable_network ?? false,
    status: () => status(o.status),
    language: () => null,
  };
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = f === 'language' ? (lang ? { id: lang.id, name: await judge0Name(lang) } : null) : values[f]!();
  return out;
}
