// A package's limits against the server's ceilings.
import { AirlockError } from '../errors.js';
import type { Problem, TestLimits } from '../judge/index.js';
import type { ProblemSummary } from '../store/problem-types.js';
import type { Principal } from '../auth/types.js';

/**
 * The output limit is a cap on what one box may write (held in memory while it runs), not part of the problem:
 * a package's (64 MiB unless it says otherwise) is lowered to the server's ceiling rather than refused.
 */
export function withOutputCeiling(problem: Problem, max: number): Problem {
  const clamp = (l: TestLimits) => (l.output > max ? { ...l, output: max } : l);
  return { ...problem, limits: clamp(problem.limits), tests: problem.tests.map((t) => ({ ...t, limits: clamp(t.limits) })) };
}

/** A package whose tests need more time or memory than the server's (or the caller's key's) ceilings allow cannot be judged fairly: refused. */
export function checkCeilings(max: ProblemSummary['maxLimits'], server: { cpuTime: number; wallTime: number; memory: number }, who: Principal): void {
  const pairs = [
    ['time', 'cpuTime'],
    ['wallTime', 'wallTime'],
    ['memory', 'memory'],
  ] as const;
  for (const [mine, theirs] of pairs) {
    if (max[mine] > server[theirs])
      throw new AirlockError('AIRLOCK_ERR_OVER_CEILING', `a test's ${mine} ${max[mine]} is above the server's ceiling ${server[theirs]}`);
    const key = who.policy.ceilings?.[theirs];
    if (key !== undefined && max[mine] > key)
      throw new AirlockError('AIRLOCK_ERR_OVER_CEILING', `a test's ${mine} ${max[mine]} is above this key's ceiling ${key}`);
  }
}
