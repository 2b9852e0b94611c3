// What the API shows of a problem, computed once when its package is stored.
import { readFileSync } from 'node:fs';
import type { Problem } from '../judge/index.js';
import type { ProblemSummary } from '../store/problem-types.js';

const SAMPLE_BYTES = 64 * 1024;
const MAX_SAMPLES = 10;
const PUBLIC_BYTES = 4 * 1024;
const MAX_PUBLIC = 100;

/** Largest limits over all tests: what a key's and the server's ceilings are checked against. */
export type MaxLimits = ProblemSummary['limits'];

/** The summary of a loaded problem; `warnings` are the validator's, as `file: message` lines. */
export function summarize(problem: Problem, warnings: string[]): ProblemSummary {
  const { time, wallTime, memory, output } = problem.limits;
  return {
    statement: problem.statement,
    limits: { time, wallTime, memory, output },
    maxLimits: maxLimits(problem),
    tests: problem.tests.length,
    points: Math.round(problem.groups.reduce((s, g) => s + g.points, 0) * 1e6) / 1e6,
    groups: problem.groups.map((g) => ({ name: g.name, points: g.points })),
    samples: samples(problem),
    ...(problem.publicTests ? { publicTests: publicTests(problem) } : {}),
    interactive: problem.interactor !== undefined,
    checker: problem.checker.type,
    format: problem.format,
    warnings,
  };
}

function maxLimits(problem: Problem): MaxLimits {
  const all = problem.tests.map((t) => t.limits);
  const max = (k: keyof MaxLimits) => Math.max(problem.limits[k], ...all.map((l) => l[k]));
  return { time: max('time'), wallTime: max('wallTime'), memory: max('memory'), output: max('output') };
}

/** Tests named sample* or in a group named sample(s), in order: shown with the statement. */
function samples(problem: Problem): ProblemSummary['samples'] {
  const inGroup = new Set(problem.groups.filter((g) => /^samples?$/i.test(g.name)).flatMap((g) => g.tests));
  return problem.tests
    .filter((t) => /^sample/i.test(t.name) || inGroup.has(t.name))
    .slice(0, MAX_SAMPLES)
    .map((t) => ({ name: t.name, input: readText(t.generate ? undefined : t.input), output: readText(t.answer) }));
}

/**
 * Every test, when the package makes them public: the start of each (PUBLIC_BYTES) and at most MAX_PUBLIC of them, so
 * a problem's summary stays small whatever its tests weigh (the whole tests stay in the package).
 */
function publicTests(problem: Problem): NonNullable<ProblemSummary['publicTests']> {
  return problem.tests
    .slice(0, MAX_PUBLIC)
    .map((t) => ({ name: t.name, input: readText(t.generate ? undefined : t.input, PUBLIC_BYTES), output: readText(t.answer, PUBLIC_BYTES) }));
}

function readText(path: string | undefined, cap = SAMPLE_BYTES): string {
  if (!path) return '';
  const b = readFileSync(path);
  return b.length <= cap ? b.toString('utf8') : `${b.subarray(0, cap).toString('utf8')}… [${b.length - cap} more bytes]`;
}
