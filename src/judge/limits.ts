// A test's limits as box limits: the problem's time factor for the language on top of the language's own.
import { type Bound, limitBounds } from '../config/limit-bounds.js';
import type { BoxLimits } from '../sandbox/limits.js';
import type { Problem, TestLimits } from './problem/types.js';

/** Box limits for the solution on one test; the engine multiplies by the language's factor itself. */
export function solutionLimits(problem: Problem, limits: TestLimits, language: string): Partial<BoxLimits> {
  const factor = problem.timeFactors[language] ?? 1;
  return {
    // A factor may take a limit just outside the range a box accepts: held at its edge rather than failing the test.
    cpuTime: clamp(limits.time * factor, limitBounds.cpuTime),
    wallTime: clamp(limits.wallTime * factor, limitBounds.wallTime),
    memory: limits.memory,
    output: limits.output,
    ...(limits.processes !== undefined ? { processes: limits.processes } : {}),
    ...(limits.fileSize !== undefined ? { fileSize: limits.fileSize } : {}),
  };
}

const clamp = (v: number, b: Bound) => Math.min(b.maximum, Math.max(b.minimum, v));
