// One interactive test: the solution and the interactor in two boxes joined by pipes (directly, or
// through the judge when a transcript is wanted), both limited; the interactor decides (testlib).
import type { ChildProcess } from 'node:child_process';
import { type Readable, Transform, type Writable } from 'node:stream';
import type { RunRequest, StageResult } from '../engine/execute.js';
import { runLimits } from '../engine/limits.js';
import { testlibOutcome } from './checkers/testlib.js';
import type { CheckOutcome } from './checkers/types.js';
import type { JudgeContext } from './context.js';
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
  const { engine, prepared, program, signal } = ctx;
  const limits = solutionLimits(prepared.problem, test.limits, program.lang.id);
  const transcript = prepared.problem.transcript ? new Transcript() : undefined;
  return engine.config.slots.withMany(2, async ([solSlot, intSlot]) => {
    let solRun!: Promise<StageResult>;
    const sol = await new Promise<ChildProcess>((resolve, reject) => {
      solRun = engine.run(program, { passthrough: true, slot: solSlot, limits, io: { stdio: ['pipe', 'pipe'], onSpawn: resolve } }, signal);
      solRun.then(() => reject(new Error('the solution box ended before it started')), reject);
    });
    const interactor: RunRequest = {
      passthrough: true,
      slot: intSlot,
      args: ['/data/input', '/tmp/output', ...(test.answer ? ['/data/answer'] : [])],
      binds: [{ src: test.input, dst: '/data/input' }, ...(test.answer ? [{ src: test.answer, dst: '/data/answer' }] : [])],
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
    const { score, ...judged } = decide(s, testlibOutcome(i, 'interactor'), i);
    const result = testResult(ctx, test, group, s, judged, testlibOutcome(i, 'interactor').message, score);
    return transcript ? { ...result, transcript: transcript.toString() } : result;
  }, signal);
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
 */
export function decide(sol: StageResult, said: CheckOutcome, int: StageResult): Judged & { score: number } {
  const own = runVerdict(sol);
  if (own && own.verdict !== 'RE') return { ...own, score: 0 };
  if (int.status === 'RE' && int.signal === SIGPIPE) {
    return own ? { ...own, score: 0 } : { verdict: 'WA', reason: 'the solution exited while the interactor was still talking to it', score: 0 };
  }
  if (said.verdict === 'IE') return { verdict: 'IE', reason: said.message, score: 0 };
  if (said.verdict === 'WA' && !said.presentation) return { verdict: 'WA', reason: `wrong answer: ${said.message}`, score: said.score ?? 0 };
  if (own) return { ...own, score: 0 };
  if (said.verdict === 'WA') return { verdict: 'WA', reason: `wrong answer: ${said.message}`, score: 0 };
  return { verdict: 'AC', reason: 'accepted', score: 1 };
}
