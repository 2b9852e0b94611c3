// What judging reports: per test, per group, and for the whole submission.
import type { BoxStatus } from '../sandbox/result.js';
import type { TestVerdict, Verdict } from './verdict.js';

/** One test's outcome. Times in seconds, memory in bytes. */
export interface TestResult {
  name: string;
  group: string;
  verdict: TestVerdict;
  /** Why, in words: the limit hit, the exit code or signal, the checker's verdict. */
  reason: string;
  /** Fraction of the test's share earned, 0..1. */
  score: number;
  cpuTime: number;
  wallTime: number;
  memory: number;
  exitCode: number;
  signal: number;
  /** The checker's (or interactor's) message; empty when nothing was checked. */
  checker: string;
  /** The start of the program's stdout and stderr. */
  output: string;
  stderr: string;
  /** Interactive problems with transcripts on: the dialogue, "> " from the solution, "< " to it. */
  transcript?: string;
}

/** One group's outcome. */
export interface GroupResult {
  name: string;
  points: number;
  score: number;
  /** AC when every test passed, SKIPPED when a dependency failed, else the first failing test's verdict. */
  verdict: TestVerdict;
  reason: string;
}

/** How compiling the submission went. */
export interface CompileInfo {
  status: BoxStatus;
  message: string;
  /** The compiler's messages (capped). */
  output: string;
  cpuTime: number;
  wallTime: number;
}

/** The whole judgement. */
export interface JudgeResult {
  problem: string;
  language: string;
  verdict: Verdict;
  reason: string;
  score: number;
  maxScore: number;
  compile?: CompileInfo;
  tests: TestResult[];
  groups: GroupResult[];
  /** Largest CPU time and memory over the tests. */
  cpuTime: number;
  memory: number;
}
