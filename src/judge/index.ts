// The judge's public interface: what the CLI and the HTTP API call.
export { loadProblem, validateProblem, type Validation } from './problem/load.js';
export type { Issue } from './problem/issues.js';
export type { CheckerSpec, Group, Problem, ProgramRef, TestCase, TestLimits } from './problem/types.js';
export { prepareProblem, type PreparedProblem } from './prepare.js';
export { checkInlineTests, inlineProblem, type InlineTests } from './inline.js';
export { judge, judgeEvents, judgeSubmission, type JudgeOptions, type PreparedLease, type PreparedSource, type Submission } from './judge.js';
export type { JudgeEvent } from './events.js';
export type { CompileInfo, GroupResult, JudgeResult, TestResult } from './result.js';
export { verdictNames, type TestVerdict, type Verdict } from './verdict.js';
