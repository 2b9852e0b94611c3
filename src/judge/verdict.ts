// Verdicts: what a submission or one test earned, and how a box's status becomes one.
import type { StageResult } from '../engine/execute.js';

/** A judgement. IE is ours (a broken checker, interactor or sandbox), never the user's. */
export type Verdict = 'AC' | 'WA' | 'TLE' | 'MLE' | 'OLE' | 'RE' | 'CE' | 'SV' | 'IE';

/** A test's verdict; SKIPPED when a failure earlier in its group, or in a group it depends on, made it moot. */
export type TestVerdict = Verdict | 'SKIPPED';

/** Every verdict with what it means, for docs, tables and clients. */
export const verdictNames: Readonly<Record<TestVerdict, string>> = {
  AC: 'accepted',
  WA: 'wrong answer',
  TLE: 'time limit exceeded',
  MLE: 'memory limit exceeded',
  OLE: 'output limit exceeded',
  RE: 'runtime error',
  CE: 'compilation error',
  SV: 'security violation',
  IE: 'internal error',
  SKIPPED: 'skipped',
};

/** A verdict with its reason in words. */
export interface Judged {
  verdict: Verdict;
  reason: string;
}

const signalNames: Record<number, string> = {
  4: 'SIGILL',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  15: 'SIGTERM',
  24: 'SIGXCPU',
  25: 'SIGXFSZ',
  31: 'SIGSYS',
};

/** "SIGSEGV (11)" for a signal number. */
export function signalName(n: number): string {
  return signalNames[n] ? `${signalNames[n]} (${n})` : `signal ${n}`;
}

/** How the program's own run ended, as a verdict; undefined when it ran to a clean exit and needs checking. */
export function runVerdict(run: StageResult): Judged | undefined {
  switch (run.status) {
    case 'OK':
      return undefined;
    case 'RE':
      return { verdict: 'RE', reason: run.signal ? `killed by ${signalName(run.signal)}` : `exit code ${run.exitCode}` };
    case 'IE':
      return { verdict: 'IE', reason: `sandbox: ${run.message}` };
    default:
      return { verdict: run.status, reason: run.message || verdictNames[run.status] };
  }
}
