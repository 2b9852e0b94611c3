// Limits as authors write them (seconds and MiB) and as the judge uses them (seconds and bytes).
import { limitBounds } from '../../config/limit-bounds.js';
import type { Fields } from './fields.js';
import type { TestLimits } from './types.js';

const MiB = 1024 * 1024;

/** When a package says nothing: 1 s CPU, 256 MiB memory, 64 MiB output. */
export const defaultLimits: Readonly<TestLimits> = Object.freeze({ time: 1, wallTime: 3, memory: 256 * MiB, output: 64 * MiB });

/** Wall time when only CPU time is given: room for I/O waits and a loaded host, still bounded. */
export function wallFor(time: number): number {
  return Math.min(time * 2 + 1, limitBounds.wallTime.maximum);
}

/** Read {time, wallTime, memory, output} (seconds, MiB) as a partial set of limits in seconds and bytes. */
export function readLimits(f: Fields, v: unknown, at: string): Partial<TestLimits> {
  const o = f.object(v, at);
  if (!o) return {};
  f.onlyKeys(o, at, ['time', 'wallTime', 'memory', 'output']);
  // The same ranges as a run's limits (docs/api.md#limits), in the units authors write.
  const b = limitBounds;
  const time = f.inRange(o.time, `${at}.time`, 'seconds', b.cpuTime.minimum, b.cpuTime.maximum);
  const wallTime = f.inRange(o.wallTime, `${at}.wallTime`, 'seconds', b.wallTime.minimum, b.wallTime.maximum);
  const memory = f.inRange(o.memory, `${at}.memory`, 'MiB', b.memory.minimum / MiB, b.memory.maximum / MiB);
  const output = f.inRange(o.output, `${at}.output`, 'MiB', 1 / MiB, b.output.maximum / MiB);
  return {
    ...(time !== undefined ? { time } : {}),
    ...(wallTime !== undefined ? { wallTime } : {}),
    ...(memory !== undefined ? { memory: Math.round(memory * MiB) } : {}),
    ...(output !== undefined ? { output: Math.max(1, Math.round(output * MiB)) } : {}),
  };
}

/** Layer partial limits over a base; a new CPU time without a wall time gets a wall time to match. */
export function applyLimits(base: TestLimits, over: Partial<TestLimits>): TestLimits {
  const l = { ...base, ...over };
  if (over.time !== undefined && over.wallTime === undefined) l.wallTime = Math.max(base.wallTime, wallFor(over.time));
  return l;
}
