// Running a problem's groups: tests spread over slots in parallel, a group starting once the groups it
// depends on have passed, and an "all" group stopping at its first failure.
import { Gate } from './gate.js';
import type { Group, TestCase } from './problem/types.js';
import type { TestResult } from './result.js';
import { settled } from './settled.js';
import { emptyResult } from './test-result.js';

/** Runs one test; never throws for the program's failures. */
export type TestRunner = (test: TestCase, group: string) => Promise<TestResult>;

/** Run every group; each result (skips included) goes to `onResult` as soon as it is known. */
export async function runGroups(
  groups: Group[],
  tests: TestCase[],
  runTest: TestRunner,
  concurrency: number,
  onResult: (r: TestResult) => void,
): Promise<Map<string, TestResult>> {
  const byName = new Map(tests.map((t) => [t.name, t]));
  const results = new Map<string, TestResult>();
  const record = (r: TestResult) => {
    results.set(r.name, r);
    onResult(r);
    return r;
  };
  const gate = new Gate(concurrency);
  const passed = new Map<string, Promise<boolean>>();
  for (const g of groups) {
    passed.set(
      g.name,
      (async () => {
        const deps = await Promise.all(g.dependencies.map((d) => passed.get(d) ?? Promise.resolve(false)));
        const failedDep = g.dependencies.find((_, i) => !deps[i]);
        if (failedDep !== undefined) {
          for (const name of g.tests) record(emptyResult(byName.get(name)!, g.name, 'SKIPPED', `group "${failedDep}", which this group needs, did not pass`));
          return false;
        }
        let failedAt: string | undefined;
        const rs = await settled(
          g.tests.map((name) =>
            gate.run(async () => {
              const test = byName.get(name)!;
              if (failedAt !== undefined) return record(emptyResult(test, g.name, 'SKIPPED', `test ${failedAt} of this group failed`));
              const r = await runTest(test, g.name);
              if (r.verdict !== 'AC' && (g.stopAtFailure ?? g.scoring === 'all')) failedAt ??= r.name;
              return record(r);
            }),
          ),
        );
        return rs.every((r) => r.verdict === 'AC');
      })(),
    );
  }
  await settled([...passed.values()]);
  return results;
}
