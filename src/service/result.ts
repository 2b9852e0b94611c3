// The engine's result in the API's shape: output as utf8 text when it is valid UTF-8, base64 otherwise.
import type { RunResult, Stage } from '../contracts/result.js';
import type { StageResult } from '../engine/execute.js';
import { isUtf8 } from './text.js';

/** The whole result; `encoding` tells how every stdout and stderr in it is written. */
export function toResult(
  run: Omit<StageResult, 'status'> & { status: RunResult['status'] },
  compile: StageResult | undefined,
  want: 'utf8' | 'base64',
): RunResult {
  const outputs = [run.stdout, run.stderr, ...(compile ? [compile.stdout, compile.stderr] : [])];
  // One switch for the whole result: a client checks one field, and no byte is ever replaced.
  const encoding = want === 'utf8' && outputs.every(isUtf8) ? 'utf8' : 'base64';
  return { ...stage(run, encoding), encoding, compile: compile ? stage(compile, encoding) : null, tests: null, verdict: null };
}

function stage(s: Omit<StageResult, 'status'> & { status: Stage['status'] }, encoding: BufferEncoding): Stage {
  return {
    status: s.status,
    exitCode: s.exitCode,
    signal: s.signal,
    stdout: s.stdout.toString(encoding),
    stderr: s.stderr.toString(encoding),
    cpuTime: s.cpuTime,
    wallTime: s.wallTime,
    memory: s.memory,
    message: s.message,
  };
}
