// Every solution in examples/problems/*/solutions gets the verdict its name promises:
// ac.cpp accepted with full score, wa-*.py wrong answer, tle.c, mle.cpp, re.py, ce.cpp, sv.c ...,
// partial-*.c some but not all of the points.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Engine } from '../../src/engine/execute.js';
import { type JudgeEvent, judge, loadProblem, type PreparedProblem, prepareProblem } from '../../src/judge/index.js';
import { isInstalled, languageForFile } from '../../src/languages/registry.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { repoRoot, testSlot } from '../helpers/box.js';
import { assertPromise, promise } from '../helpers/verdicts.js';

const engine = new Engine({ workDir: mkdtempSync(join(tmpdir(), 'airlock-judge-')), slots: new SlotPool(4, testSlot(400)) });
const root = join(repoRoot, 'examples/problems');
const problems = readdirSync(root).sort();

test('the samples cover the five kinds of problem and at least 15 solutions in c, cpp and python3', () => {
  const files = problems.flatMap((p) => readdirSync(join(root, p, 'solutions')));
  assert.ok(files.length >= 15, `${files.length} solutions`);
  for (const ext of ['.c', '.cpp', '.py'])
    assert.ok(
      files.some((f) => f.endsWith(ext)),
      ext,
    );
  const kinds = new Set(files.map(promise));
  for (const k of ['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'SV', 'PARTIAL']) assert.ok(kinds.has(k), k);
  assert.deepEqual(problems, ['aplusb', 'circle', 'divisors', 'guess', 'inversions']);
});

for (const name of problems) {
  describe(`examples/problems/${name}`, () => {
    let prepared: PreparedProblem;
    before(async () => {
      prepared = await prepareProblem(engine, await loadProblem(join(root, name)));
    });
    after(() => prepared?.dispose());

    for (const file of readdirSync(join(root, name, 'solutions')).sort()) {
      const expected = promise(file);
      const lang = languageForFile(file);
      test(`${file} gets ${expected}`, { skip: !isInstalled(lang) && `${lang.id} is not installed` }, async () => {
        const events: JudgeEvent[] = [];
        const content = readFileSync(join(root, name, 'solutions', file));
        const r = await judge(engine, prepared, { files: [{ name: file, content }] }, { onEvent: (e) => events.push(e) });
        assertPromise(expected, r, `${r.verdict} ${r.score}/${r.maxScore}: ${r.reason}`);
        if (expected !== 'AC' && expected !== 'CE') assert.ok(r.reason.length > 10, `a reason is given: ${r.reason}`);
        // Every test is reported once as it finishes (skips too), and "done" comes last with the result.
        const tested = events
          .filter((e) => e.type === 'test')
          .map((e) => (e as { test: { name: string } }).test.name)
          .sort();
        assert.deepEqual(tested, r.tests.map((t) => t.name).sort());
        assert.deepEqual(events.at(-1), { type: 'done', result: r });
      });
    }
  });
}
