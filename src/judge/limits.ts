// A test's limits as box limits: the problem's time factor for the language on top of the language's own.
import type { BoxLimits } from '../sandbox/limits.js';
import type { Problem, TestLimits } from './problem/types.js';

/** Box limits for the solution on one test; the engine multiplies by the language's factor itself. */
export function solutionLimits(problem: Problem, limits: TestLimits, language: string): Partial<BoxLimits> {
  const factor = problem.timeFactors[language] ?? 1;
  return {
    cpuTime: limits.time * factor,
    wallTime: limits.wallTime * factor,
    memory: limits.memory,
    output: limits.output,
    ...(limits.processes !== undefined ? { processes: limits.processes } : {}),
    ...(limits.fileSize !== undefined ? { fileSize: limits.fileSize } : {}),
  };
}
