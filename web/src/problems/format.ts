// A problem's limits and size in words.
import type { ProblemLimits, ProblemSummary } from '../api/types.js';
import { bytes } from '../ui/format.js';

/** Memory as the API reports it (bytes), or as problem.json writes it (MiB): small numbers are MiB. */
function memory(m: number): string {
  if (m <= 65536) return `${m} MiB`;
  return m % (1024 * 1024) === 0 ? `${m / 1024 / 1024} MiB` : bytes(m);
}

/** "1 s · 64 MiB": limits as an author writes them, not as measurements. */
export function limitsText(l: ProblemLimits | undefined): string {
  if (!l) return '';
  const time = typeof l.time === 'number' ? l.time : typeof l.cpuTime === 'number' ? l.cpuTime : undefined;
  return [time !== undefined ? `${time} s` : '', typeof l.memory === 'number' ? memory(l.memory) : ''].filter(Boolean).join(' · ');
}

/** How many tests a problem has ("tests" may be a count or the list). */
export function testCount(p: Pick<ProblemSummary, 'tests'>): number {
  return typeof p.tests === 'number' ? p.tests : Array.isArray(p.tests) ? p.tests.length : 0;
}
