// A finished run as Jobe's result object: Jobe's outcome codes, its per-stream cut and its escaping of non-UTF-8 bytes.
import type { RunResult } from '../../contracts/result.js';
import type { RunRecord } from '../../store/types.js';
import { stageBytes } from '../shared/output.js';
import { cut, DEFAULT_STREAM_BYTES, jobeText } from './text.js';

/** Jobe's outcome codes. */
export const OUTCOME = { compile: 11, runtime: 12, time: 13, success: 15, memory: 17, syscall: 19, internal: 20, overload: 21 } as const;

/** Jobe's answer to a run. */
export interface JobeResult {
  run_id: null;
  outcome: number;
  cmpinfo: string;
  stdout: string;
  stderr: string;
}

/** The answer when the run never got a box: Jobe's "server overload". */
export const OVERLOADED: JobeResult = { run_id: null, outcome: OUTCOME.overload, cmpinfo: '', stdout: '', stderr: '' };

/**
 * Jobe decides by stderr, not by the exit status: any stderr is a runtime error (12), none is success (15) whatever
 * the status, and a time limit (13) clears stderr. A program killed by a signal is 12 as in Jobe (runguard reports
 * it on stderr). Output past the box's cap is 13: Jobe does not stop a runaway writer, its time limit does.
 */
function outcomeOf(r: RunResult, stderr: Buffer): number {
  switch (r.status) {
    case 'TLE':
    case 'OLE':
      return OUTCOME.time;
    case 'MLE':
      return OUTCOME.memory;
    case 'SV':
      return OUTCOME.syscall;
    case 'IE':
      return OUTCOME.internal;
    case 'RE':
      return r.signal || stderr.length ? OUTCOME.runtime : OUTCOME.success;
    default:
      return stderr.length ? OUTCOME.runtime : OUTCOME.success;
  }
}

/** A finished (or failed) run as Jobe's result object. */
export function jobeResult(run: RunRecord): JobeResult {
  const r: RunResult | null = run.result;
  if (!r) return { ...OVERLOADED, outcome: OUTCOME.internal, stderr: run.error ?? `the run ended ${run.state}` };
  const limit = typeof run.spec.compat?.streamBytes === 'number' ? run.spec.compat.streamBytes : DEFAULT_STREAM_BYTES;
  if (r.status === 'CE') {
    const c = r.compile ? stageBytes(r.compile, r.encoding) : { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
    const info = Buffer.concat([c.stdout, c.stderr]);
    return { ...OVERLOADED, outcome: OUTCOME.compile, cmpinfo: jobeText(cut(info.length ? info : Buffer.from(r.message), limit)) };
  }
  const { stdout, stderr } = stageBytes(r, r.encoding);
  const outcome = outcomeOf(r, stderr);
  // Jobe has no message field: the reason for an internal error goes at the end of stderr.
  const err = outcome === OUTCOME.time ? '' : jobeText(cut(stderr, limit)) + (r.status === 'IE' ? `\n${r.message}\n` : '');
  return { run_id: null, outcome, cmpinfo: '', stdout: jobeText(cut(stdout, limit)), stderr: err };
}
