// The order of a problem's tests, which the API does not list: rows must keep it while results arrive in the order
// tests finish. Packages order tests by group, then by name as people count (2 before 10); once a submission has
// been judged, the order it reports is remembered for the problem and used exactly from then on.
import type { Problem, TestResult } from '../api/types.js';
import { load, save } from '../ui/store.js';

const key = (p: Pick<Problem, 'id'> & { revision?: number }) => `airlock.order.${p.id}.${p.revision ?? 0}`;
const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
const cmp = (x: number, y: number) => (x === y ? 0 : x < y ? -1 : 1);

/** Where tests go: a comparator for results, and the names known before any result comes. */
export interface TestOrder {
  compare(a: TestResult, b: TestResult): number;
  /** The tests' names in order, when a judged submission has told them. */
  known: readonly string[];
}

/** The order for a problem: remembered from a past judgement, else the packages' rule. */
export function testOrder(problem: Problem & { revision?: number }): TestOrder {
  const known = load<string[]>(key(problem), []);
  const index = new Map(known.map((n, i) => [n, i]));
  const groups = new Map((problem.groups ?? []).map((g, i) => [g.name, i]));
  const rank = (t: TestResult) => index.get(t.name) ?? Infinity;
  const group = (t: TestResult) => groups.get(t.group ?? '') ?? Infinity;
  return {
    known,
    compare: (a, b) => cmp(rank(a), rank(b)) || cmp(group(a), group(b)) || natural(a.name, b.name),
  };
}

/** Remember the order a judged submission reports. */
export function rememberOrder(problem: Pick<Problem, 'id'> & { revision?: number }, tests: readonly TestResult[]): void {
  if (tests.length)
    save(
      key(problem),
      tests.map((t) => t.name),
    );
}
