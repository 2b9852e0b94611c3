// The range every run limit must lie in, wherever it comes from: a request, a key's or the server's ceilings,
// a problem package, a compatibility API. docs/api.md#limits lists the same table.

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** One limit's legal range, in the unit the native API uses (seconds or bytes or a count). */
export interface Bound {
  minimum: number;
  maximum: number;
}

/**
 * Below a minimum nothing useful can run (a box needs about a millisecond to start, an interpreter a MiB; one
 * process is the program alone, which the launcher allows since it counts only the program's processes); above a maximum a value is a typo or an attack on the host rather than a need (an
 * hour of CPU, 64 GiB of memory). Output is held in memory while a box runs and sent in one JSON answer, so its
 * maximum stays far below the largest string V8 can build.
 */
export const limitBounds = Object.freeze({
  cpuTime: { minimum: 0.001, maximum: 3600 },
  wallTime: { minimum: 0.001, maximum: 7200 },
  memory: { minimum: 1 * MiB, maximum: 64 * GiB },
  processes: { minimum: 1, maximum: 4096 },
  output: { minimum: 1, maximum: 256 * MiB },
  fileSize: { minimum: 1, maximum: 16 * GiB },
} satisfies Record<string, Bound>);

/** The limits that have bounds. */
export type BoundedLimit = keyof typeof limitBounds;

/** Why a value is out of its range (in the limit's own unit), or undefined when it is in range. */
export function outOfBounds(key: BoundedLimit, value: number): string | undefined {
  const { minimum, maximum } = limitBounds[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${key} must be a number, got ${String(value)}`;
  if (value < minimum) return `${key} must be at least ${minimum}, got ${value}`;
  if (value > maximum) return `${key} must be at most ${maximum}, got ${value}`;
  return undefined;
}
