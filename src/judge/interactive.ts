// One interactive test: the solution and the interactor in two boxes joined by pipes (directly, or
// through the judge when a transcript is wanted), both limited; the interactor decides (testlib).
import type { ChildProcess } from 'node:child_process';
import { type Readable, Transform, type Writable } from 'node:stream';
import type { RunRequest, StageResult } from '../engine/execute.js';
import type { BoxLimits } from '../sandbox/limits.js';
import { runLimits } from '../engine/limits.js';
import { icpcOutcome } from './checkers/icpc.js';
import { testlibOutcome } from './checkers/testlib.js';
import type { CheckOutcome } from './checkers/types.js';
import type { JudgeContext } from './context.js';
import { FEEDBACK_DIR, type Feedback, makeFeedback } from './feedback.js';
import { interactorLimits, underCeiling } from './jury.js';
import { solutionLimits } from './limits.js';
import { settled } from './settled.js';
import type { TestCase } from './problem/types.js';
import type { TestResult } from './result.js';
import { testResult } from './test-result.js';
import { Transcript } from './transcript.js';
import { type Judged, runVerdict } from './verdict.js';

const SIGPIPE = 13;

/** Run one interactive test on two slots held together. */
export async function runInteractiveTest(ctx: JudgeContext, test: TestCase, group: string): Promise<TestResult> {
  const { prepared, program } = ctx;
  const limits = solutionLimits(prepared.problem, test.limits, program.lang.id);
  const transcript = prepared.problem.transcript ? new Transcript() : undefined;
  const feedback = prepared.problem.interactor?.protocol === 'icpc' ? await makeFeedback(prepared.scratch, `${ctx.id}-${test.name}`) : undefined;
  try {
    return await withSlots(ctx, test, group, limits, transcript, feedback);
  } finally {
    await feedback?.dispose();
  }
}

async function withSlots(
  ctx: JudgeContext,
  test: TestCase,
  group: string,
  limits: Partial<BoxLimits>,
  transcript: Transcript | undefined,
  feedback: Feedback | undefined,
): Promise<TestResult> {
  const { engine, prepared, program, signal } = ctx;
  return engine.config.slots.withMany(
    2,
    async ([solSlot, intSlot]) => {
      let solRun!: Promise<StageResult>;
      const sol = await new Promise<ChildProcess>((resolve, reject) => {
        solRun = engine.run(program, { passthrough: true, slot: solSlot, limits, io: { stdio: ['pipe', 'pipe'], onSpawn: resolve } }, signal);
        solRun.then(() => reject(new Error('the solution box ended before it started')), reject);
      });
      const interactor: RunRequest = {
        passthrough: true,
        slot: intSlot,
        ...(feedback
          ? icpcCall(test, prepared.empty, feedback)
          : {
              args: ['/data/input', '/tmp/output', ...(test.answer ? ['/data/answer'] : [])],
              binds: [{ src: test.input, dst: '/data/input' }, ...(test.answer ? [{ src: test.answer, dst: '/data/answer' }] : [])],
            }),
        limits: underCeiling(interactorLimits(runLimits(program.lang, limits).wallTime), engine.config.ceiling),
        io: transcript
          ? { stdio: ['pipe', 'pipe'], onSpawn: (it) => joinThrough(sol, it, transcript) }
          : { stdio: [sol.stdout!, sol.stdin!], onSpawn: () => (sol.stdin!.destroy(), sol.stdout!.destroy()) },
      };
      const intRun = engine.run(prepared.interactor!, interactor, signal).catch((e: unknown) => {
        sol.kill('SIGTERM'); // the solution would otherwise wait for a partner that never came
        throw e;
      });
      // Both launchers must be gone before the slots go back, even when one side threw.
      const [s, i] = (await settled([solRun, intRun])) as [StageResult, StageResult];
      const said = feedback ? await icpcOutcome(i, feedback, 'interactive validator', test.acceptScore) : testlibOutcome(i, 'interactor');
      const { score, ...judged } = decide(s, said, i, feedback !== undefined);
      const result = testResult(ctx, test, group, s, judged, said.message, score);
      return transcript ? { ...result, transcript: transcript.toString() } : result;
    },
    signal,
  );
}

/** An ICPC interactive validator's arguments and files: `input answer /feedback/ flags...`, the team's output on stdin. */
function icpcCall(test: TestCase, empty: string, feedback: Feedback): Pick<RunRequest, 'args' | 'binds'> {
  return {
    args: ['/data/input', '/data/answer', FEEDBACK_DIR, ...(test.validatorFlags ?? [])],
    binds: [{ src: test.input, dst: '/data/input' }, { src: test.answer ?? empty, dst: '/data/answer' }, ...feedback.binds],
  };
}

/** Relay both ways through the judge, recording the dialogue; a side that closes closes the other. */
function joinThrough(sol: ChildProcess, it: ChildProcess, transcript: Transcript): void {
  relay(sol.stdout!, it.stdin!, (c) => transcript.add('>', c));
  relay(it.stdout!, sol.stdin!, (c) => transcript.add('<', c));
}

function relay(from: Readable, to: Writable, tap: (chunk: Buffer) => void): void {
  to.on('error', () => {}); // the reader is gone; like a pipe, the writer then gets EPIPE below
  to.on('close', () => from.destroy());
  from.pipe(new Transform({ transform: (chunk: Buffer, _enc, done) => (tap(chunk), done(null, chunk)) })).pipe(to);
}

/**
 * Who is to blame, as testlib-based judges decide. The solution's own limits come first; a solution
 * that stopped reading kills the interactor with SIGPIPE (the solution's doing, not ours); a broken
 * interactor is IE; the interactor's WA stands even if the solution then crashed (it left because
 * of the WA), but a presentation error or an unexpected end of output after a crash is the crash (RE).
 * With an ICPC validator (`crashFirst`), a crash is RE whatever the validator then said, as problemtools judges.
 */
export function decide(sol: StageResult, said: CheckOutcome, int: StageResult, crashFirst = false): Judged & { score: number } {
  const own = runVerdict(sol);
  // A solution killed by SIGPIPE wrote after the validator had left: the validator's verdict explains it.
  if (own && (own.verdict !== 'RE' || (crashFirst && sol.signal !== SIGPIPE))) return { ...own, score: 0 };
  if (int.status === 'RE' && int.signal === SIGPIPE) {
    return own ? { ...own, score: 0 } : { verdict: 'WA', reason: 'the solution exited while the interactor was still talking to it', score: 0 };
  }
  if (said.verdict === 'IE') return { verdict: 'IE', reason: said.message, score: 0 };
  if (said.verdict === 'WA' && !said.presentation) return { verdict: 'WA', reason: `wrong answer: ${said.message}`, score: said.score ?? 0 };
  if (own) return { ...own, score: 0 };
  if (said.verdict === 'WA') return { verdict: 'WA', reason: `wrong answer: ${said.message}`, score: 0 };
  return { verdict: 'AC', reason: 'accepted', score: said.score ?? 1 };
}
