// Subtasks: which tests each group holds, its points, and the groups it needs first.
import type { Issues } from './issues.js';
import type { Group, TestLimits } from './types.js';

/** A group as the package states it, test names possibly as patterns ("sub1-*"). */
export interface GroupDraft {
  name: string;
  points: number;
  scoring: 'all' | 'each';
  patterns: string[];
  dependencies: string[];
  limits: Partial<TestLimits>;
  /** Overrides the scoring's default (ICPC on_reject). */
  stopAtFailure?: boolean;
}

/** The groups, each test in exactly one; without groups, every test in one group worth 100 points. */
export function resolveGroups(
  drafts: GroupDraft[] | undefined,
  testNames: string[],
  issues: Issues,
  where: string,
): { groups: Group[]; limits: Map<string, Partial<TestLimits>> } {
  const limits = new Map<string, Partial<TestLimits>>();
  if (!drafts) return { groups: [{ name: 'tests', points: 100, scoring: 'each', tests: testNames, dependencies: [] }], limits };
  const owner = new Map<string, string>();
  const seen: string[] = [];
  const groups: Group[] = [];
  for (const d of drafts) {
    const at = `${where} group "${d.name}"`;
    if (seen.includes(d.name)) issues.error(at, 'a second group with this name');
    for (const dep of d.dependencies) {
      if (!seen.includes(dep))
        issues.error(at, drafts.some((g) => g.name === dep) ? `depends on "${dep}", which must be listed before it` : `depends on unknown group "${dep}"`);
    }
    seen.push(d.name);
    const tests: string[] = [];
    for (const pattern of d.patterns) {
      const re = glob(pattern);
      const hits = testNames.filter((t) => re.test(t));
      if (hits.length === 0) issues.error(at, `"${pattern}" matches no test`);
      for (const t of hits) {
        const other = owner.get(t);
        if (other !== undefined && other !== d.name) issues.error(at, `test ${t} is already in group "${other}"`);
        owner.set(t, d.name);
        if (!tests.includes(t)) tests.push(t);
        limits.set(t, d.limits);
      }
    }
    const ordered = testNames.filter((t) => tests.includes(t));
    groups.push({
      name: d.name,
      points: d.points,
      scoring: d.scoring,
      tests: ordered,
      dependencies: d.dependencies,
      ...(d.stopAtFailure !== undefined ? { stopAtFailure: d.stopAtFailure } : {}),
    });
  }
  const orphans = testNames.filter((t) => !owner.has(t));
  if (orphans.length) issues.error(where, `tests in no group: ${orphans.join(', ')}`);
  return { groups, limits };
}

/** "sub1-*" and "0?" as a whole-name regex; every other character is literal. */
function glob(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
