// Getting a problem ready to judge many submissions: compile its checker and interactor once,
// generate the tests it generates, and make every test file readable inside a box.
import { chmod, copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AirlockError } from '../errors.js';
import type { Engine, Program } from '../engine/execute.js';
import { makeStaging } from '../engine/workspace.js';
import { builtinChecker } from './checkers/builtin.js';
import type { CompareFn } from './checkers/types.js';
import { message } from './excerpt.js';
import { Gate } from './gate.js';
import { settled } from './settled.js';
import { producerLimits, underCeiling } from './jury.js';
import { solutionLimits } from './limits.js';
import type { Problem, ProgramRef, TestCase } from './problem/types.js';

/** A problem with its jury programs compiled and its tests on disk; reusable across submissions. */
export interface PreparedProblem {
  problem: Problem;
  /** The tests with `input` (and `answer`) as files a box may read. */
  tests: TestCase[];
  /** The built-in comparison, or the compiled checker program. */
  compare?: CompareFn;
  checker?: Program;
  interactor?: Program;
  /** A private directory for per-test files (outputs handed to checkers). */
  scratch: string;
  /** An empty readable file: the answer a checker gets when a test has none. */
  empty: string;
  dispose(): Promise<void>;
}

/** Compile the problem's programs and materialize its tests. A broken package throws AIRLOCK_ERR_BAD_PROBLEM. */
export async function prepareProblem(engine: Engine, problem: Problem, signal?: AbortSignal): Promise<PreparedProblem> {
  const staging = await makeStaging(engine.config.workDir);
  const programs: Program[] = [];
  const compile = async (ref: ProgramRef, what: string) => {
    const p = await compileProgram(engine, problem.dir, ref, what, signal);
    programs.push(p);
    return p;
  };
  const dispose = async () => {
    await Promise.all(programs.map((p) => p.dispose()));
    await staging.dispose();
  };
  try {
    checkCeilings(engine, problem);
    const data = join(staging.dir, 'data');
    const scratch = join(staging.dir, 'scratch');
    await mkdir(data, { mode: 0o755 });
    await mkdir(scratch, { mode: 0o700 });
    const empty = join(data, 'empty');
    await writeFile(empty, '', { mode: 0o644 });
    // The jury's programs compile side by side; every compile ends before a failure is reported, so none leaks.
    const wanted = {
      checker: problem.checker.type === 'program' ? problem.checker.program : undefined,
      interactor: problem.interactor,
      generator: problem.tests.some((t) => t.generate) ? problem.generator : undefined,
      'reference solution': problem.tests.some((t) => !t.answer) ? problem.solution : undefined,
    };
    const [checker, interactor, generator, solution] = await settled(Object.entries(wanted).map(async ([what, ref]) => (ref ? compile(ref, what) : undefined)));
    const tests = await materialize(engine, problem, data, { generator, solution }, signal);
    const compare = builtinChecker(problem.checker);
    return { problem, tests, ...(compare ? { compare } : {}), ...(checker ? { checker } : {}), ...(interactor ? { interactor } : {}), scratch, empty, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/** Compile a jury program; a compile error is the package's fault. */
async function compileProgram(engine: Engine, dir: string, ref: ProgramRef, what: string, signal?: AbortSignal): Promise<Program> {
  const files = await Promise.all([ref.source, ...ref.files].map(async (f) => ({ name: basename(f), content: await readFile(join(dir, f)) })));
  const program = await engine.prepare({ language: ref.language, files }, signal);
  if (program.failed) {
    await program.dispose();
    const c = program.compile;
    const why = c ? message(Buffer.concat([c.stderr, c.stdout])) || c.message : program.failed.message;
    throw new AirlockError('AIRLOCK_ERR_BAD_PROBLEM', `the ${what} ${ref.source} does not compile: ${why}`);
  }
  return program;
}

/** Generated inputs, answers from the reference solution, and copies of files a box could not read. */
async function materialize(
  engine: Engine,
  problem: Problem,
  data: string,
  { generator, solution }: { generator: Program | undefined; solution: Program | undefined },
  signal?: AbortSignal,
): Promise<TestCase[]> {
  const needAnswers = !problem.interactor && problem.checker.type !== 'program';
  // Tests are independent: generate them over the engine's slots, all settled before any failure is reported.
  const gate = new Gate(engine.config.slots.size);
  return settled(
    problem.tests.map((t) =>
      gate.run(async (): Promise<TestCase> => {
        let input: string;
        if (t.generate && generator) {
          input = join(data, `${t.name}.in`);
          await produce(engine, generator, { args: t.generate }, input, `the generator on test ${t.name}`, signal);
        } else {
          input = await readable(t.input, join(data, `${t.name}.in`));
        }
        let answer = t.answer ? await readable(t.answer, join(data, `${t.name}.ans`)) : undefined;
        if (!answer && solution) {
          answer = join(data, `${t.name}.ans`);
          await produce(engine, solution, { stdinFile: input }, answer, `the reference solution on test ${t.name}`, signal);
        }
        if (!answer && needAnswers && !t.unchecked) throw new AirlockError('AIRLOCK_ERR_BAD_PROBLEM', `test ${t.name} has no answer`);
        return { ...t, input, ...(answer ? { answer } : {}) };
      }),
    ),
  );
}

/** Run a jury program and keep its stdout as a test file. */
async function produce(engine: Engine, program: Program, req: { args?: string[]; stdinFile?: string }, dest: string, what: string, signal?: AbortSignal) {
  const r = await engine.run(program, { ...req, limits: underCeiling(producerLimits, engine.config.ceiling) }, signal);
  if (r.status !== 'OK') {
    throw new AirlockError('AIRLOCK_ERR_BAD_PROBLEM', `${what} ended with ${r.status} (${r.message || `exit code ${r.exitCode}`}): ${message(r.stderr)}`);
  }
  await writeFile(dest, r.stdout, { mode: 0o644 });
}

/** A file boxes can read through a bind (world-readable); copied when the package's own is not. */
async function readable(path: string, copy: string): Promise<string> {
  if (((await stat(path)).mode & 0o004) !== 0) return path;
  await copyFile(path, copy);
  await chmod(copy, 0o644);
  return copy;
}

/** A test whose limits the server would refuse is the package's problem, said once here rather than as IE on every test. */
function checkCeilings(engine: Engine, problem: Problem): void {
  const ceiling = engine.config.ceiling;
  if (!ceiling) return;
  for (const t of problem.tests) {
    const over = (Object.entries(solutionLimits(problem, t.limits, '')) as [keyof typeof ceiling, number][]).find(([k, v]) => v > ceiling[k]);
    if (over) throw new AirlockError('AIRLOCK_ERR_BAD_PROBLEM', `test ${t.name}: ${over[0]} ${over[1]} is above this server's ceiling ${ceiling[over[0]]}`);
  }
}
