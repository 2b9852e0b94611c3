// Limits as authors write them (seconds and MiB) and as the judge uses them (seconds and bytes).
import type { Fields } from './fields.js';
import type { TestLimits } from './types.js';

const MiB = 1024 * 1024;

/** When a package says nothing: 1 s CPU, 256 MiB memory, 64 MiB output. */
export const defaultLimits: Readonly<TestLimits> = Object.freeze({ time: 1, wallTime: 3, memory: 256 * MiB, output: 64 * MiB });

/** Wall time when only CPU time is given: room for I/O waits and a loaded host, still bounded. */
export function wallFor(time: number): number {
  return time * 2 + 1;
}

/** Read {time, wallTime, memory, output} (seconds, MiB) as a partial set of limits in seconds and bytes. */
export function readLimits(f: Fields, v: unknown, at: string): Partial<TestLimits> {
  const o = f.object(v, at);
  if (!o) return {};
  f.onlyKeys(o, at, ['time', 'wallTime', 'memory', 'output']);
  const time = f.number(o.time, `${at}.time`, 'seconds');
  const wallTime = f.number(o.wallTime, `${at}.wallTime`, 'seconds');
  const memory = f.number(o.memory, `${at}.memory`, 'MiB');
  const output = f.number(o.output, `${at}.output`, 'MiB');
  return {
    ...(time !== undefined ? { time } : {}),
    ...(wallTime !== undefined ? { wallTime } : {}),
    ...(memory !== undefined ? { memory: Math.round(memory * MiB) } : {}),
    ...(output !== undefined ? { output: Math.round(output * MiB) } : {}),
  };
}

/** Layer partial limits over a base; a new CPU time without a wall time gets a wall time to match. */
export function applyLimits(base: TestLimits, over: Partial<TestLimits>): TestLimits {
  const l = { ...base, ...over };
  if (over.time !== undefined && over.wallTime === undefined) l.wallTime = Math.max(base.wallTime, wallFor(over.time));
  return l;
}
