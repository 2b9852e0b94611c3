// Limits for the jury's own programs (checkers, interactors, generators, reference solutions).
// Generous, because their failures become IE; still bounded, because a package can be uploaded by anyone.
import type { BoxLimits } from '../sandbox/limits.js';

const MiB = 1024 * 1024;

/** A checker: reads three files, prints a line. */
export const checkerLimits: Partial<BoxLimits> = { cpuTime: 10, wallTime: 30, memory: 512 * MiB, output: 1 * MiB };

/** An ICPC output validator: a checker whose writable feedback files are each held to 1 MiB. */
export const validatorLimits: Partial<BoxLimits> = { ...checkerLimits, fileSize: 1 * MiB };

/** A generator or the reference solution writing a test's input or answer. */
export const producerLimits: Partial<BoxLimits> = { cpuTime: 30, wallTime: 60, memory: 1024 * MiB, output: 256 * MiB };

/** An interactor outlives the solution it talks to (whose wall time is given), so the solution's limits fire first. */
export function interactorLimits(solutionWall: number): Partial<BoxLimits> {
  return { cpuTime: Math.max(10, solutionWall * 2), wallTime: solutionWall + 10, memory: 512 * MiB, output: 1 * MiB };
}

/** Jury limits lowered to the server's ceilings: the jury's programs get as much as the server allows, never an error. */
export function underCeiling(limits: Partial<BoxLimits>, ceiling: BoxLimits | undefined): Partial<BoxLimits> {
  if (!ceiling) return limits;
  const out: Partial<BoxLimits> = {};
  for (const [k, v] of Object.entries(limits) as [keyof BoxLimits, number][]) out[k] = Math.min(v, ceiling[k]);
  return out;
}
