// One stage's outcome (compile or run), how a runtime's own out-of-memory report maps to MLE, and its stored form.
import type { Language } from '../languages/types.js';
import type { BoxResult } from '../sandbox/run.js';

/** One stage's outcome (compile or run): a box's result, less what only the sandbox layer needs. */
export interface StageResult extends Omit<BoxResult, 'oomKilled' | 'syscalls'> {
  /** Compile stage only: true when the compiler did not run for this request (cache hit or a shared identical compile). */
  cached?: boolean;
  /** Only when syscalls are recorded (profiling). */
  syscalls?: string[];
}

/** The stage's fields of a box result; a runtime's heap-cap report turns RE into MLE. */
export function stageOf(r: BoxResult, lang: Language): StageResult {
  const { exitCode, signal, stdout, stderr, cpuTime, wallTime, memory } = r;
  const s: StageResult = { status: r.status, exitCode, signal, stdout, stderr, cpuTime, wallTime, memory, message: r.message };
  if (r.syscalls) s.syscalls = r.syscalls;
  if (r.status === 'RE' && ranOutOfHeap(lang, stderr)) {
    s.status = 'MLE';
    s.message = `out of memory: the runtime's heap cap (derived from the memory limit) was reached`;
  }
  return s;
}

/**
 * Whether stderr carries the runtime's out-of-memory report. Only the tail is read:
 * runtimes print it last. A program could print it on purpose, but that only turns
 * its own failure (RE) into another failure (MLE).
 */
function ranOutOfHeap(lang: Language, stderr: Buffer): boolean {
  if (!lang.outOfMemory?.length) return false;
  const tail = stderr.subarray(Math.max(0, stderr.length - 64 * 1024)).toString('utf8');
  return lang.outOfMemory.some((p) => new RegExp(p, 'm').test(tail));
}

/** A StageResult as JSON (the compile cache's meta file). */
export interface StoredStage extends Omit<StageResult, 'stdout' | 'stderr' | 'syscalls' | 'cached'> {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** To the cache's JSON form. */
export function storeStage(s: StageResult): StoredStage {
  const { stdout, stderr, syscalls: _s, cached: _c, ...rest } = s;
  return { ...rest, ok: s.status === 'OK', stdout: stdout.toString('base64'), stderr: stderr.toString('base64') };
}

/** Back from the cache's JSON form. */
export function loadStage(s: StoredStage, cached: boolean): StageResult {
  const { ok: _ok, stdout, stderr, ...rest } = s;
  return { ...rest, stdout: Buffer.from(stdout, 'base64'), stderr: Buffer.from(stderr, 'base64'), cached };
}
