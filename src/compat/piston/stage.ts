// A native stage result as Piston's stage object (times in milliseconds, memory in bytes, signals by name).
import type { RunResult, Stage } from '../../contracts/result.js';
import { lossyText, stageBytes } from '../shared/output.js';
import { signalName } from './signals.js';
import { truncateStage } from './truncate.js';

/** Piston's status letters: null for success, RE, SG, TO, OL, XX; the precise reason goes in message. */
function statusOf(s: Stage): { status: string | null; message: string | null; signal: string | null } {
  switch (s.status) {
    case 'OK':
      return { status: null, message: null, signal: null };
    case 'RE':
      return s.signal
        ? { status: 'SG', message: s.message || `Caught fatal signal ${s.signal}`, signal: signalName(s.signal) }
        : { status: 'RE', message: `Exited with error status ${s.exitCode}`, signal: null };
    case 'TLE':
      return { status: 'TO', message: `Time limit exceeded: ${s.message}`, signal: 'SIGKILL' };
    case 'MLE':
      // Piston has no memory status: the box was killed, and message says why.
      return { status: 'SG', message: `Memory limit exceeded: ${s.message}`, signal: 'SIGKILL' };
    case 'OLE':
      return { status: 'OL', message: `Output limit exceeded: ${s.message}`, signal: 'SIGKILL' };
    case 'SV':
      return { status: 'SG', message: `Forbidden system call: ${s.message}`, signal: 'SIGSYS' };
    default:
      return { status: 'XX', message: s.message || 'internal error', signal: null };
  }
}

/** One stage in Piston's shape, cut at Piston's output_max_size; `output` is stdout then stderr (see docs/compat.md). */
export function pistonStage(s: Stage, encoding: RunResult['encoding']) {
  const { stdout, stderr } = stageBytes(s, encoding);
  const st = statusOf(s);
  return truncateStage({
    stdout: lossyText(stdout),
    stderr: lossyText(stderr),
    output: lossyText(Buffer.concat([stdout, stderr])),
    code: st.signal ? null : s.exitCode,
    signal: st.signal,
    message: st.message,
    status: st.status,
    cpu_time: Math.round(s.cpuTime * 1000),
    wall_time: Math.round(s.wallTime * 1000),
    memory: s.memory,
  });
}

/** The whole answer of /execute: compile (compiled languages) and run; when compiling failed, run is the compile stage, as Piston answers. */
export function pistonResult(r: RunResult, language: string, version: string) {
  const compile = r.compile ? pistonStage(r.compile, r.encoding) : undefined;
  const run = r.status === 'CE' && compile ? compile : pistonStage(r, r.encoding);
  return { language, version, run, ...(compile ? { compile } : {}) };
}
