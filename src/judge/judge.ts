// Judging one submission: compile it once, run each test in its own fresh box (in parallel over the
// engine's slots), check, score the groups, and report each step as it happens.
import { randomUUID } from 'node:crypto';
import type { Engine, Program } from '../engine/execute.js';
import type { SourceFile } from '../engine/files.js';
import type { BoxLimits } from '../sandbox/limits.js';
import { AirlockError, isAirlockError } from '../errors.js';
import { getLanguage, languageForFile } from '../languages/registry.js';
import { runBatchTest } from './batch.js';
import type { JudgeContext } from './context.js';
import { eventStream, type JudgeEvent } from './events.js';
import { EXCERPT_BYTES, message } from './excerpt.js';
import { runInteractiveTest } from './interactive.js';
import { type PreparedProblem, prepareProblem } from './prepare.js';
import type { Problem, TestCase } from './problem/types.js';
import type { CompileInfo, JudgeResult, TestResult } from './result.js';
import { runGroups } from './schedule.js';
import { maxScore, overallVerdict, scoreGroup, total } from './score.js';
import { emptyResult } from './test-result.js';

/** What is judged: source files and a language (inferred from the main file's extension when absent). */
export interface Submission {
  language?: string;
  files: SourceFile[];
  main?: string;
  compileOptions?: string[];
  /** A compatibility API's compilers (src/languages/dialects). */
  dialect?: string;
  compileLimits?: Partial<BoxLimits>;
  /** Command-line arguments of every run of the solution (tests sent with a run may have them). */
  args?: string[];
}

/** How to judge. */
export interface JudgeOptions {
  signal?: AbortSignal;
  /** Each step as it happens: compile, every test (skips too), every group, done. */
  onEvent?: (e: JudgeEvent) => void;
  /** Tests in flight at once; default: the engine's slot count (half for interactive problems). */
  concurrency?: number;
  /** Bytes of each test's stdout and stderr kept in its result. */
  excerptBytes?: number;
  /** Where judgeSubmission gets the prepared problem: by default prepared now and disposed after; a service leases it from a cache. */
  prepared?: PreparedSource;
}

/** A prepared problem lent for one judgement; `release` gives it back (or disposes of it). */
export interface PreparedLease {
  prepared: PreparedProblem;
  release(): Promise<void> | void;
}

/** Obtains a prepared problem; a broken package throws AIRLOCK_ERR_BAD_PROBLEM. */
export type PreparedSource = (signal?: AbortSignal) => Promise<PreparedLease>;

/** Judge a submission against a prepared problem (prepare once, judge many). Caller errors throw (4xx). */
export async function judge(engine: Engine, prepared: PreparedProblem, submission: Submission, options: JudgeOptions = {}): Promise<JudgeResult> {
  const { problem } = prepared;
  const emit = options.onEvent ?? (() => {});
  const language = languageOf(submission);
  const program = await engine.prepare(
    {
      language,
      files: submission.files,
      ...(submission.main ? { main: submission.main } : {}),
      ...(submission.compileOptions ? { compileOptions: submission.compileOptions } : {}),
      ...(submission.dialect ? { dialect: submission.dialect } : {}),
      ...(submission.compileLimits ? { compileLimits: submission.compileLimits } : {}),
      ...(submission.args ? { args: submission.args } : {}),
    },
    options.signal,
  );
  try {
    const compile = compileInfo(program);
    if (compile) emit({ type: 'compile', compile });
    if (program.failed) return finish(emit, failedCompile(problem, language, program, compile));
    const ctx: JudgeContext = {
      engine,
      prepared,
      program,
      signal: options.signal,
      id: randomUUID(),
      excerptBytes: options.excerptBytes ?? EXCERPT_BYTES,
      args: submission.args ?? [],
    };
    const slots = engine.config.slots.size;
    const concurrency = options.concurrency ?? Math.max(1, problem.interactor ? Math.floor(slots / 2) : slots);
    const runOne = (test: TestCase, group: string) => guarded(ctx, test, group);
    const results = await runGroups(problem.groups, prepared.tests, runOne, concurrency, (test) => emit({ type: 'test', test }));
    const byName = new Map(prepared.tests.map((t) => [t.name, t]));
    const groups = problem.groups.map((g) => scoreGroup(g, results, byName));
    for (const group of groups) emit({ type: 'group', group });
    // Group order is the order a reader expects: samples, then the subtasks as listed.
    const order = problem.groups.flatMap((g) => g.tests.map((name) => byName.get(name)!));
    const tests = order.map((t) => results.get(t.name)!).filter(Boolean);
    return finish(emit, {
      problem: problem.name,
      language,
      ...overallVerdict(order, results),
      ...total(groups),
      ...(compile ? { compile } : {}),
      tests,
      groups,
      cpuTime: Math.max(0, ...tests.map((t) => t.cpuTime)),
      memory: Math.max(0, ...tests.map((t) => t.memory)),
    });
  } finally {
    await program.dispose();
  }
}

/** Prepare the problem (or lease it), judge, clean up. A package that cannot be prepared (checker does not compile) gives IE. */
export async function judgeSubmission(engine: Engine, problem: Problem, submission: Submission, options: JudgeOptions = {}): Promise<JudgeResult> {
  const language = languageOf(submission); // the caller's mistakes first, before the problem's work
  const source: PreparedSource =
    options.prepared ??
    (async (signal) => {
      const prepared = await prepareProblem(engine, problem, signal);
      return { prepared, release: () => prepared.dispose() };
    });
  let lease: PreparedLease;
  try {
    lease = await source(options.signal);
  } catch (e) {
    if (!isAirlockError(e, 'AIRLOCK_ERR_BAD_PROBLEM')) throw e;
    const result: JudgeResult = {
      problem: problem.name,
      language,
      verdict: 'IE',
      reason: e.detail ?? e.message,
      score: 0,
      maxScore: maxScore(problem.groups),
      tests: [],
      groups: [],
      cpuTime: 0,
      memory: 0,
    };
    return finish(options.onEvent ?? (() => {}), result);
  }
  try {
    return await judge(engine, lease.prepared, submission, options);
  } finally {
    await lease.release();
  }
}

/** judgeSubmission as an async iterator of its events; the last one is "done". */
export function judgeEvents(engine: Engine, problem: Problem, submission: Submission, options: Omit<JudgeOptions, 'onEvent'> = {}): AsyncGenerator<JudgeEvent> {
  return eventStream((onEvent) => judgeSubmission(engine, problem, submission, { ...options, onEvent }));
}

/** The submission's language id: given (and known), or from the main file's extension. */
function languageOf(s: Submission): string {
  if (s.language) return getLanguage(s.language).id;
  const main = s.main ?? s.files[0]?.name;
  if (!main) throw new AirlockError('AIRLOCK_ERR_EMPTY_SOURCE');
  return languageForFile(main).id;
}

/** One test, with our own failures (sandbox errors, a bug here) turned into IE; cancelling still throws. */
async function guarded(ctx: JudgeContext, test: TestCase, group: string): Promise<TestResult> {
  try {
    return ctx.prepared.interactor ? await runInteractiveTest(ctx, test, group) : await runBatchTest(ctx, test, group);
  } catch (e) {
    if (isAirlockError(e, 'AIRLOCK_ERR_CANCELLED') || ctx.signal?.aborted) throw e;
    const why = isAirlockError(e) ? `${e.message} (${e.code})` : `judge failure: ${(e as Error)?.message ?? String(e)}`;
    return emptyResult(test, group, 'IE', why);
  }
}

function compileInfo(program: Program): CompileInfo | undefined {
  const c = program.compile;
  if (!c) return undefined;
  return { status: c.status, message: c.message, output: message(Buffer.concat([c.stderr, c.stdout]), 16 * 1024), cpuTime: c.cpuTime, wallTime: c.wallTime };
}

function failedCompile(problem: Problem, language: string, program: Program, compile: CompileInfo | undefined): JudgeResult {
  const ce = program.failed!.status === 'CE';
  return {
    problem: problem.name,
    language,
    verdict: ce ? 'CE' : 'IE',
    reason: ce ? program.failed!.message : `the compiler could not run: ${program.failed!.message}`,
    score: 0,
    maxScore: maxScore(problem.groups),
    ...(compile ? { compile } : {}),
    tests: [],
    groups: [],
    cpuTime: 0,
    memory: 0,
  };
}

function finish(emit: (e: JudgeEvent) => void, result: JudgeResult): JudgeResult {
  emit({ type: 'done', result });
  return result;
}
