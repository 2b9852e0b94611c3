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

/** What a caller sends: tests, a built-in checker, limits (seconds and bytes). */
export interface InlineTests {
  tests: Array<{ name?: string; input: string | Buffer; answer?: string | Buffer; points?: number }>;
  checker?: Exclude<CheckerSpec, { type: 'program' }>;
  limits?: Partial<TestLimits>;
}

/** Write the tests under `dir` (a private directory the caller removes) and describe them as a problem. */
export async function inlineProblem(dir: string, spec: InlineTests): Promise<Problem> {
  const bad = (why: string) => new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', `tests: ${why}`);
  if (!Array.isArray(spec.tests) || spec.tests.length === 0) throw bad('at least one test is needed');
  if (spec.tests.length > INLINE_MAX_TESTS) throw bad(`at most ${INLINE_MAX_TESTS} tests`);
  const bytes = spec.tests.reduce((n, t) => n + Buffer.byteLength(t.input ?? '') + Buffer.byteLength(t.answer ?? ''), 0);
  if (bytes > INLINE_MAX_BYTES) throw bad(`inputs and answers exceed ${INLINE_MAX_BYTES} bytes`);
  const checker = spec.checker ?? { type: 'tokens' };
  if (!['exact', 'lines', 'tokens', 'floats', 'unordered'].includes(checker.type)) throw bad(`unknown checker "${checker.type}"`);
  const limits = applyLimits(defaultLimits, spec.limits ?? {});
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const names = spec.tests.map((t, i) => t.name ?? String(i + 1));
  const tests = await Promise.all(spec.tests.map(async (t, i) => {
    const name = names[i]!;
    if (!TEST_NAME.test(name) || names.indexOf(name) !== i) throw bad(`test name ${JSON.stringify(name)} is not a unique name of letters, digits and . _ + -`);
    if (t.answer === undefined) throw bad(`test ${name} has no answer`);
    const input = join(dir, `${name}.in`);
    const answer = join(dir, `${name}.ans`);
    await writeFile(input, t.input, { mode: 0o644 });
    await writeFile(answer, t.answer, { mode: 0o644 });
    return { name, input, answer, limits, ...(t.points !== undefined ? { points: t.points } : {}) };
  }));
  return {
    dir,
    name: 'inline tests',
    statement: '',
    limits,
    checker,
    tests,
    groups: [{ name: 'tests', points: 100, scoring: 'each', tests: names, dependencies: [] }],
    timeFactors: {},
    transcript: false,
    format: 'airlock',
  };
}
