// ICPC test data groups as airlock groups: one group per directory that holds tests, in the format's
// order. on_reject: break becomes "stop at the first failure" inside a group and a dependency on the
// group before it; scores (accept_score, sum/avg/min) become points, where airlock's flat groups can
// say the same: a parent group must add its parts up (sum).
import type { DataNode } from './icpc-data.js';
import type { GroupDraft } from './groups.js';
import type { Issues } from './issues.js';

/** The groups of the tree, in run order, or the errors that make it unrepresentable. */
export function icpcGroups(root: DataNode, scoring: boolean, issues: Issues): GroupDraft[] {
  const drafts: GroupDraft[] = [];
  const secretTests = count(root.children.find((c) => c.rel === 'data/secret'));
  const leaves = (n: DataNode): DataNode[] => [...(n.tests.length ? [n] : []), ...n.children.flatMap(leaves)];
  const visit = (n: DataNode, ancestors: DataNode[]) => {
    if (n.tests.length) drafts.push(draft(n, ancestors, root, scoring, secretTests, issues));
    n.children.forEach((c) => visit(c, [...ancestors, n]));
  };
  visit(root, []);
  // A group that breaks on a failure skips what comes after it: each part needs the part before it.
  const walk = (n: DataNode) => {
    const parts: DataNode[][] = [...(n.tests.length ? [[n]] : []), ...n.children.map(leaves)];
    if (n.settings.onReject === 'break') {
      for (let k = 1; k < parts.length; k++) {
        for (const leaf of parts[k]!) drafts.find((d) => d.name === groupName(leaf))!.dependencies.push(...parts[k - 1]!.map(groupName));
      }
    }
    n.children.forEach(walk);
  };
  walk(root);
  for (const d of drafts) d.dependencies = [...new Set(d.dependencies)];
  return drafts;
}

/** "sample", "secret", "secret/group1". */
export function groupName(n: DataNode): string {
  return n.rel.slice('data/'.length);
}

function count(n: DataNode | undefined): number {
  return n ? n.tests.length + n.children.reduce((s, c) => s + count(c), 0) : 0;
}

function draft(n: DataNode, ancestors: DataNode[], root: DataNode, scoring: boolean, secretTests: number, issues: Issues): GroupDraft {
  const name = groupName(n);
  const sample = name === 'sample' || name.startsWith('sample/');
  const base = { name, patterns: n.tests.map((t) => t.name), dependencies: [], limits: {}, stopAtFailure: n.settings.onReject === 'break' };
  if (!scoring) {
    // Pass-fail: the verdict is what counts; the secret tests share 100 points so partial progress still shows.
    const points = sample || secretTests === 0 ? 0 : Math.round((100 * n.tests.length * 1e6) / secretTests) / 1e6;
    return { ...base, points, scoring: 'each' };
  }
  for (const a of ancestors) {
    const parts = (a.tests.length ? 1 : 0) + a.children.length;
    if (a === root && a.settings.ignoreSample) continue;
    if (parts > 1 && a.settings.aggregate !== 'sum') {
      issues.error(a.settings.file || `${a.rel}/`, `${a.settings.aggregate} over subgroups is not supported (a group holding subgroups must add them up: sum)`);
    }
  }
  const s = n.settings;
  const ignored = sample && root.settings.ignoreSample;
  if (s.aggregate === 'max') issues.error(s.file || `${n.rel}/`, 'grader_flags max is not supported (sum, avg and min are)');
  const points = ignored ? 0 : s.aggregate === 'sum' ? n.tests.length * s.acceptScore : s.acceptScore;
  return { ...base, points, scoring: s.aggregate === 'min' ? 'all' : 'each' };
}
