// Tests sent along with a run (the API's /v1/runs "tests"), for callers that keep their own problems.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AirlockError } from '../errors.js';
import { applyLimits, defaultLimits } from './problem/limits.js';
import { TEST_NAME } from './problem/tests.js';
import type { CheckerSpec, Problem, TestLimits } from './problem/types.js';

/** At most this many inline tests, and this many bytes of inputs and answers together. */
export const INLINE_MAX_TESTS = 256;
export const INLINE_MAX_BYTES = 64 * 1024 * 1024;

/** The checkers a caller may name: built in, run inside the service. */
export const INLINE_CHECKERS = ['exact', 'lines', 'tokens', 'floats', 'unordered'] as const;

/** What a caller sends: tests, a built-in checker, limits (seconds and bytes). A test without an answer is only run. */
export interface InlineTests {
  tests: Array<{ name?: string; input: string | Buffer; answer?: string | Buffer; points?: number }>;
  checker?: Exclude<CheckerSpec, { type: 'program' }>;
  limits?: Partial<TestLimits>;
}

/** Check inline tests without writing anything (the API checks before it accepts a run); returns the test names. */
export function checkInlineTests(spec: InlineTests): string[] {
  const bad = (why: string) => new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', `tests: ${why}`);
  if (!Array.isArray(spec.tests) || spec.tests.length === 0) throw bad('at least one test is needed');
  if (spec.tests.length > INLINE_MAX_TESTS) throw bad(`at most ${INLINE_MAX_TESTS} tests`);
  const bytes = spec.tests.reduce((n, t) => n + Buffer.byteLength(t.input ?? '') + Buffer.byteLength(t.answer ?? ''), 0);
  if (bytes > INLINE_MAX_BYTES) throw bad(`inputs and answers exceed ${INLINE_MAX_BYTES} bytes`);
  const checker = spec.checker ?? { type: 'tokens' };
  if (!(INLINE_CHECKERS as readonly string[]).includes(checker.type)) throw bad(`unknown checker "${checker.type}"`);
  const names = spec.tests.map((t, i) => t.name ?? String(i + 1));
  names.forEach((name, i) => {
    if (!TEST_NAME.test(name) || names.indexOf(name) !== i) throw bad(`test name ${JSON.stringify(name)} is not a unique name of letters, digits and . _ + -`);
    const points = spec.tests[i]!.points;
    if (points !== undefined && !(Number.isFinite(points) && points >= 0)) throw bad(`test ${name}: points must be a number >= 0`);
  });
  return names;
}

/** Write the tests under `dir` (a private directory the caller removes) and describe them as a problem. */
export async function inlineProblem(dir: string, spec: InlineTests): Promise<Problem> {
  const names = checkInlineTests(spec);
  const limits = applyLimits(defaultLimits, spec.limits ?? {});
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tests = await Promise.all(
    spec.tests.map(async (t, i) => {
      const name = names[i]!;
      const input = join(dir, `${name}.in`);
      await writeFile(input, t.input, { mode: 0o644 });
      const answer = t.answer === undefined ? undefined : join(dir, `${name}.ans`);
      if (answer) await writeFile(answer, t.answer!, { mode: 0o644 });
      return { name, input, limits, ...(answer ? { answer } : { unchecked: true }), ...(t.points !== undefined ? { points: t.points } : {}) };
    }),
  );
  // Points given for every test: the score is out of their sum; otherwise 100 points shared by weight.
  const given = spec.tests.every((t) => t.points !== undefined) ? spec.tests.reduce((s, t) => s + t.points!, 0) : 0;
  return {
    dir,
    name: 'inline tests',
    statement: '',
    limits,
    checker: spec.checker ?? { type: 'tokens' },
    tests,
    groups: [{ name: 'tests', points: given > 0 ? given : 100, scoring: 'each', tests: names, dependencies: [] }],
    timeFactors: {},
    transcript: false,
    format: 'airlock',
  };
}
