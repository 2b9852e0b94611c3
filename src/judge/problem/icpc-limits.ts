// problem.yaml "limits" and DOMjudge's .timelimit, as airlock's limits (seconds and bytes).
import { readFileSync } from 'node:fs';
import { limitBounds } from '../../config/limit-bounds.js';
import type { Fields } from './fields.js';
import type { Issues } from './issues.js';
import { defaultLimits, wallFor } from './limits.js';
import { packageFile, packageHas } from './paths.js';
import type { TestLimits } from './types.js';

const MiB = 1024 * 1024;
/** Keys that only tune how a time limit is derived from the judges' solutions, or the jury's own boxes. */
const NOT_USED = [
  'time_multiplier',
  'time_safety_margin',
  'code',
  'compilation_time',
  'compilation_memory',
  'validation_time',
  'validation_memory',
  'validation_output',
];

/** The time limit from limits.time_limit or .timelimit (seconds); memory and output in MiB. */
export function readIcpcLimits(dir: string, f: Fields, v: unknown, issues: Issues): TestLimits {
  const o = f.object(v, 'limits') ?? {};
  const b = limitBounds;
  for (const k of Object.keys(o)) {
    if (NOT_USED.includes(k)) continue;
    if (!['time_limit', 'memory', 'output'].includes(k)) issues.warn(`problem.yaml limits.${k}`, 'ignored: not a limit of the legacy format');
  }
  let time = f.inRange(o.time_limit, 'limits.time_limit', 'seconds', b.cpuTime.minimum, b.cpuTime.maximum);
  if (time === undefined && packageHas(dir, '.timelimit')) {
    const file = packageFile(dir, '.timelimit', issues, '.timelimit');
    const n = file ? Number(readFileSync(file, 'utf8').slice(0, 100).trim()) : NaN;
    if (Number.isFinite(n) && n >= b.cpuTime.minimum && n <= b.cpuTime.maximum) time = n;
    else if (file) issues.error('.timelimit', `must hold a number of seconds from ${b.cpuTime.minimum} to ${b.cpuTime.maximum}`);
  }
  if (time === undefined) {
    issues.warn(
      '.timelimit',
      `missing: the time limit is ${defaultLimits.time} s (problemtools would derive one from the accepted submissions; write it in .timelimit)`,
    );
    time = defaultLimits.time;
  }
  const memory = f.inRange(o.memory, 'limits.memory', 'MiB', b.memory.minimum / MiB, b.memory.maximum / MiB);
  const output = f.inRange(o.output, 'limits.output', 'MiB', 1 / MiB, b.output.maximum / MiB);
  return {
    ...defaultLimits,
    time,
    wallTime: wallFor(time),
    ...(memory !== undefined ? { memory: Math.round(memory * MiB) } : {}),
    ...(output !== undefined ? { output: Math.max(1, Math.round(output * MiB)) } : {}),
  };
}
