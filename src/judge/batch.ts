// One ordinary test: run the solution on the input in a fresh box, then check its output.
import { readFileSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageResult } from '../engine/execute.js';
import type { CheckOutcome } from './checkers/types.js';
import { builtinChecker } from './checkers/builtin.js';
import { icpcOutcome } from './checkers/icpc.js';
import { testlibOutcome } from './checkers/testlib.js';
import type { JudgeContext } from './context.js';
import { FEEDBACK_DIR, makeFeedback } from './feedback.js';
import { checkerLimits, underCeiling, validatorLimits } from './jury.js';
import { solutionLimits } from './limits.js';
import type { TestCase } from './problem/types.js';
import { testResult } from './test-result.js';
import type { TestResult } from './result.js';
import { runVerdict } from './verdict.js';

/** Run and check one test. The program failing is a verdict; only cancellation throws. */
export async function runBatchTest(ctx: JudgeContext, test: TestCase, group: string): Promise<TestResult> {
  const run = await ctx.engine.run(
    ctx.program,
    {
      stdinFile: test.input,
      ...(ctx.args.length ? { args: ctx.args } : {}),
      limits: solutionLimits(ctx.prepared.problem, test.limits, ctx.program.lang.id),
    },
    ctx.signal,
  );
  const failed = runVerdict(run);
  if (failed) return testResult(ctx, test, group, run, failed, '');
  if (test.unchecked) return testResult(ctx, test, group, run, { verdict: 'AC', reason: 'ran to the end (no expected output to compare)' }, '', 1);
  const outcome = await check(ctx, test, run);
  const verdict = outcome.verdict === 'AC' ? 'AC' : outcome.verdict === 'IE' ? 'IE' : 'WA';
  const reason = verdict === 'AC' ? 'accepted' : verdict === 'IE' ? outcome.message : `wrong answer: ${outcome.message}`;
  return testResult(ctx, test, group, run, { verdict, reason }, outcome.message, outcome.score ?? (verdict === 'AC' ? 1 : 0));
}

/** Compare in-process for built-in checkers; otherwise the checker program, in its own box. */
async function check(ctx: JudgeContext, test: TestCase, run: StageResult): Promise<CheckOutcome> {
  const { checker, problem } = ctx.prepared;
  const compare = test.checker ? builtinChecker(test.checker) : ctx.prepared.compare;
  const answer = test.answer ? await readAnswer(test.answer) : Buffer.alloc(0);
  if (compare) return compare(run.stdout, answer);
  if (problem.checker.type === 'program' && problem.checker.program.protocol === 'icpc') return validate(ctx, test, run);
  const output = join(ctx.prepared.scratch, `${ctx.id}-${test.name}.out`);
  await writeFile(output, run.stdout, { mode: 0o644 });
  try {
    const binds = [
      { src: test.input, dst: '/data/input' },
      { src: output, dst: '/data/output' },
      { src: test.answer ?? ctx.prepared.empty, dst: '/data/answer' },
    ];
    const r = await ctx.engine.run(
      checker!,
      { args: ['/data/input', '/data/output', '/data/answer'], binds, limits: underCeiling(checkerLimits, ctx.engine.config.ceiling) },
      ctx.signal,
    );
    return testlibOutcome(r, 'checker');
  } finally {
    await rm(output, { force: true });
  }
}

/** Answers up to this size are read without the thread pool. */
const SMALL_ANSWER = 256 * 1024;

/**
 * A test's answer. A small file is read at once: the promise API's open, stat, read and close
 * each take a trip through libuv's thread pool, which cost judging about 7% of its test-run time
 * (100 A+B tests, bench/judge.ts); a big one still does not block the event loop.
 */
async function readAnswer(path: string): Promise<Buffer> {
  return statSync(path).size <= SMALL_ANSWER ? readFileSync(path) : readFile(path);
}

/** An ICPC output validator: `validator input answer /feedback/ flags... < output`, in its own box. */
async function validate(ctx: JudgeContext, test: TestCase, run: StageResult): Promise<CheckOutcome> {
  const output = join(ctx.prepared.scratch, `${ctx.id}-${test.name}.out`);
  await writeFile(output, run.stdout, { mode: 0o644 });
  const feedback = await makeFeedback(ctx.prepared.scratch, `${ctx.id}-${test.name}`);
  try {
    const binds = [{ src: test.input, dst: '/data/input' }, { src: test.answer ?? ctx.prepared.empty, dst: '/data/answer' }, ...feedback.binds];
    const args = ['/data/input', '/data/answer', FEEDBACK_DIR, ...(test.validatorFlags ?? [])];
    const r = await ctx.engine.run(
      ctx.prepared.checker!,
      { args, binds, stdinFile: output, limits: underCeiling(validatorLimits, ctx.engine.config.ceiling) },
      ctx.signal,
    );
    return await icpcOutcome(r, feedback, 'validator', test.acceptScore);
  } finally {
    await Promise.all([rm(output, { force: true }), feedback.dispose()]);
  }
}
