// Box limits: one record, in the units people think in (seconds, bytes).

/** Limits for one box; each holds for the sum of all its processes. */
export interface BoxLimits {
  /** CPU time in seconds, summed over every process and thread. */
  cpuTime: number;
  /** Wall-clock time in seconds. */
  wallTime: number;
  /** Memory in bytes (cgroup limit, swap off). */
  memory: number;
  /** Processes and threads of the program together (the box's own init is not counted): 1 is the program alone. */
  processes: number;
  /** Largest file the program may write, in bytes. */
  fileSize: number;
  /** tmpfs bytes for /box, /tmp and /dev/shm together. */
  disk: number;
  /** Files and directories in that tmpfs. */
  inodes: number;
  /** Open file descriptors per process. */
  openFiles: number;
  /** Stack size in bytes. */
  stack: number;
  /** stdout and stderr bytes together; more kills the box with OLE. */
  output: number;
}

const MB = 1024 * 1024;

/** Defaults for running a program: the seed's values where it gave one. */
export const defaultRunLimits: Readonly<BoxLimits> = Object.freeze({
  cpuTime: 5,
  wallTime: 10,
  memory: 256 * MB,
  processes: 64,
  fileSize: 10 * MB,
  disk: 64 * MB,
  inodes: 4096,
  openFiles: 256,
  stack: 64 * MB,
  output: 16 * MB,
});

/** Defaults for a compiler: more room, still bounded (template bombs, huge objects). */
export const defaultCompileLimits: Readonly<BoxLimits> = Object.freeze({
  cpuTime: 20,
  wallTime: 30,
  memory: 1024 * MB,
  processes: 64,
  fileSize: 128 * MB,
  disk: 256 * MB,
  inodes: 8192,
  openFiles: 256,
  stack: 64 * MB,
  output: 1 * MB,
});

/**
 * What the launcher accepts for each kind of limit (sandbox/args.c, docs/launcher-protocol.md):
 * plain decimal, at least the minimum, at most the maximum; anything else it refuses, and the
 * run would end as a sandbox failure. Times are seconds with a resolution of one microsecond.
 */
export const launcherRanges = Object.freeze({
  seconds: Object.freeze({ min: 0.000001, max: 86_400 }),
  bytes: Object.freeze({ min: 1, max: 2 ** 40 }),
  processes: Object.freeze({ min: 1, max: 2 ** 22 }),
  inodes: Object.freeze({ min: 1, max: 2 ** 24 }),
  openFiles: Object.freeze({ min: 1, max: 2 ** 20 }),
});

type Range = { min: number; max: number };

/**
 * Seconds for the launcher: a plain decimal with at most six places (String(1e-7) is "1e-7",
 * which the launcher refuses). Rounded up to the microsecond, and to at least one, so that a
 * tiny legal limit gives a TLE verdict rather than a refused box; above the maximum (a day) it
 * is the maximum, which for a box is the same as any longer limit.
 */
export function launcherSeconds(seconds: number): string {
  if (Number.isNaN(seconds)) throw new RangeError('a time limit is NaN');
  const { max } = launcherRanges.seconds;
  // The epsilon keeps float noise (2.3 * 1e6 = 2300000.0000000005) from adding a microsecond.
  const us = Math.min(max * 1e6, Math.max(1, Math.ceil(seconds * 1e6 - 1e-6)));
  const whole = Math.floor(us / 1e6);
  const frac = us % 1e6;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}

/** A whole number for the launcher: rounded down, kept within the range, never with an exponent. */
export function launcherCount(n: number, range: Range): string {
  if (Number.isNaN(n)) throw new RangeError('a limit is NaN');
  // Within 1..2^40 every integer prints as plain digits (String() uses exponents from 1e21).
  return String(Math.min(range.max, Math.max(range.min, Math.floor(n))));
}

/** Launcher flags for a set of limits. */
export function limitArgs(l: BoxLimits): string[] {
  const { bytes, processes, inodes, openFiles } = launcherRanges;
  return [
    '--time', launcherSeconds(l.cpuTime),
    '--wall-time', launcherSeconds(l.wallTime),
    '--memory', launcherCount(l.memory, bytes),
    '--processes', launcherCount(l.processes, processes),
    '--file-size', launcherCount(l.fileSize, bytes),
    '--disk', launcherCount(l.disk, bytes),
    '--inodes', launcherCount(l.inodes, inodes),
    '--open-files', launcherCount(l.openFiles, openFiles),
    '--stack', launcherCount(l.stack, bytes),
    '--output', launcherCount(l.output, bytes),
  ];
}
