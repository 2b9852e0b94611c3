// Building a test's result from the solution's run and the verdict it earned.
import type { StageResult } from '../engine/execute.js';
import type { JudgeContext } from './context.js';
import { excerpt } from './excerpt.js';
import type { TestCase } from './problem/types.js';
import type { TestResult } from './result.js';
import type { Judged, TestVerdict } from './verdict.js';

/** A finished test's result. */
export function testResult(ctx: JudgeContext, test: TestCase, group: string, run: StageResult, judged: Judged, checker: string, score = 0): TestResult {
  return {
    name: test.name,
    group,
    verdict: judged.verdict,
    reason: judged.reason,
    score,
    cpuTime: run.cpuTime,
    wallTime: run.wallTime,
    memory: run.memory,
    exitCode: run.exitCode,
    signal: run.signal,
    checker,
    output: excerpt(run.stdout, ctx.excerptBytes),
    stderr: excerpt(run.stderr, ctx.excerptBytes),
  };
}

/** A test that did not run (skipped) or could not be judged (IE), with no run to report. */
export function emptyResult(test: TestCase, group: string, verdict: TestVerdict, reason: string): TestResult {
  return { name: test.name, group, verdict, reason, score: 0, cpuTime: 0, wallTime: 0, memory: 0, exitCode: 0, signal: 0, checker: '', output: '', stderr: '' };
}
