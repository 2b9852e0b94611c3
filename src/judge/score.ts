// Scores and the overall verdict from the tests' results.
import type { Group, TestCase } from './problem/types.js';
import type { GroupResult, TestResult } from './result.js';
import { type Verdict, verdictNames } from './verdict.js';

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** A group's score: "all" earns points × the worst test's fraction; "each" a weighted share per test. */
export function scoreGroup(g: Group, results: Map<string, TestResult>, tests: Map<string, TestCase>): GroupResult {
  const rs = g.tests.map((name) => results.get(name));
  const fractions = rs.map((r) => r?.score ?? 0);
  let score: number;
  if (g.scoring === 'all') {
    score = g.points * Math.min(1, ...fractions);
  } else {
    const weights = g.tests.map((name) => tests.get(name)?.points ?? 1);
    const total = weights.reduce((a, b) => a + b, 0);
    score = total > 0 ? (g.points * weights.reduce((s, w, i) => s + w * fractions[i]!, 0)) / total : 0;
  }
  const first = rs.find((r) => r && r.verdict !== 'AC' && r.verdict !== 'SKIPPED');
  const skipped = rs.find((r) => !r || r.verdict === 'SKIPPED');
  const verdict = first?.verdict ?? (skipped ? 'SKIPPED' : 'AC');
  const reason = first ? `test ${first.name}: ${first.reason}` : skipped ? (skipped?.reason ?? 'not run') : 'every test passed';
  return { name: g.name, points: g.points, score: round(score), verdict, reason };
}

/** The submission's verdict: IE if any test could not be judged, AC if all passed, else the first failure in test order. */
export function overallVerdict(order: TestCase[], results: Map<string, TestResult>): { verdict: Verdict; reason: string } {
  const rs = order.map((t) => results.get(t.name)).filter((r): r is TestResult => r !== undefined);
  const ie = rs.find((r) => r.verdict === 'IE');
  if (ie) return { verdict: 'IE', reason: `test ${ie.name}: ${ie.reason}` };
  const bad = rs.find((r) => r.verdict !== 'AC' && r.verdict !== 'SKIPPED');
  if (bad) return { verdict: bad.verdict as Verdict, reason: `test ${bad.name}: ${bad.reason}` };
  return { verdict: 'AC', reason: `${verdictNames.AC}: ${rs.length} tests` };
}

/** The most a submission can score on a problem. */
export function maxScore(groups: Group[]): number {
  return round(groups.reduce((s, g) => s + g.points, 0));
}

/** Sum of group scores, rounded. */
export function total(groups: GroupResult[]): { score: number; maxScore: number } {
  return { score: round(groups.reduce((s, g) => s + g.score, 0)), maxScore: round(groups.reduce((s, g) => s + g.points, 0)) };
}
