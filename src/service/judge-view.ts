// The judge's results in the API's shape, for judged runs and submissions alike.
import type { TestView } from '../contracts/judging.js';
import type { TestResult } from '../judge/index.js';

/** One test as the API shows it; `encode` writes its outputs (text as is, or base64 when the run asked for it). */
export function testView(t: TestResult, encode: (text: string) => string = (s) => s): TestView {
  return {
    name: t.name,
    group: t.group,
    verdict: t.verdict,
    score: t.score,
    cpuTime: t.cpuTime,
    wallTime: t.wallTime,
    memory: t.memory,
    exitCode: t.exitCode,
    signal: t.signal,
    message: t.reason,
    checker: t.checker,
    stdout: encode(t.output),
    stderr: encode(t.stderr),
    ...(t.transcript !== undefined ? { transcript: t.transcript } : {}),
  };
}
