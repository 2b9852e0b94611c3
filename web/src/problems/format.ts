// A problem's limits and size in words.
import type { ProblemLimits, ProblemSummary } from '../api/types.js';
import { bytes, seconds } from '../ui/format.js';

/** Memory as problem.json gives it (MiB) or as bytes (the API may report either: large numbers are bytes). */
function memory(m: number): string {
  return m > 65536 ? bytes(m) : `${m} MiB`;
}

/** "1.000 s · 64 MiB". */
export function limitsText(l: ProblemLimits | undefined): string {
  if (!l) return '';
  const time = typeof l.time === 'number' ? l.time : typeof l.cpuTime === 'number' ? (l.cpuTime as number) : undefined;
  return [time !== undefined ? seconds(time) : '', typeof l.memory === 'number' ? memory(l.memory) : ''].filter(Boolean).join(' · ');
}

/** How many tests a problem has ("tests" may be a count or the list). */
export function testCount(p: Pick<ProblemSummary, 'tests'>): number {
  return typeof p.tests === 'number' ? p.tests : Array.isArray(p.tests) ? p.tests.length : 0;
}
