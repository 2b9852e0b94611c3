// `airlock judge` as a user types it: a live table then the summary, or one JSON object.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { repoRoot } from '../helpers/box.js';

const exec = promisify(execFile);
const cli = join(repoRoot, 'dist/src/cli/main.js');
const aplusb = join(repoRoot, 'examples/problems/aplusb');

async function airlock(...args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cli, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('a row per test, then the verdict and score; exit 1 when not accepted', async () => {
  const r = await airlock('judge', aplusb, join(aplusb, 'solutions/wa-overflow.c'), '--slots', '2');
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /^TEST\s+GROUP\s+VERDICT\s+CPU s\s+WALL s\s+MEM MiB\s+DETAIL$/);
  const rows = lines.slice(1, 5).sort();
  assert.deepEqual(
    rows.map((l) => l.split(/\s+/).slice(0, 3).join(' ')),
    ['01 tests AC', '02 tests AC', '03 tests WA', '04 tests AC'],
  );
  assert.match(r.stdout, /\nWA · score 75\/100 · test 03: wrong answer: 1st token differs: expected "4000000000", found "-294967296"\n$/);
});

test('--json: verdict, score and each test with its verdict, times, memory and checker message', async () => {
  const r = await airlock('judge', aplusb, join(aplusb, 'solutions/ac.py'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.verdict, 'AC');
  assert.equal(j.score, 100);
  assert.equal(j.tests.length, 4);
  for (const t of j.tests) {
    for (const k of ['name', 'verdict', 'cpuTime', 'wallTime', 'memory', 'checker', 'reason']) assert.ok(k in t, k);
    assert.equal(t.verdict, 'AC');
    assert.match(t.checker, /^1 tokens$/);
  }
});

test('--lang overrides the extension; a bad package lists its errors and exits 2', async () => {
  const r = await airlock('judge', aplusb, join(aplusb, 'solutions/ac.py'), '--lang', 'cpp', '--json');
  assert.equal(JSON.parse(r.stdout).verdict, 'CE');
  const bad = await airlock('judge', join(repoRoot, 'examples'), join(aplusb, 'solutions/ac.py'));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /neither problem\.json .* nor problem\.xml[\s\S]*AIRLOCK_ERR_BAD_PROBLEM/);
  const v = await airlock('judge', '--validate', join(repoRoot, 'examples/problems/guess'));
  assert.equal(v.code, 0);
  assert.match(v.stdout, /Guess the number: 6 tests in 1 group\(s\), interactor interactor\.py, 100 points/);
});
