// Several CLI processes on one compile cache (issue 12, "Concurrent use of one host is safe"):
// none may delete or break another's compile, and leftovers go only when their owner is gone.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { OWNER_TAG } from '../../src/engine/cache-owner.js';
import { repoRoot } from '../helpers/box.js';

const exec = promisify(execFile);
const cli = join(repoRoot, 'dist/src/cli/main.js');
const problem = join(repoRoot, 'examples/problems/aplusb');
const solution = (name: string) => join(problem, 'solutions', name);

/** `airlock judge --json` on a data directory; the verdict, or what went wrong instead. */
async function judge(dataDir: string, file: string): Promise<string> {
  try {
    const { stdout } = await exec(process.execPath, [cli, 'judge', problem, file, '--json', '--slots', '1'], {
      env: { ...process.env, AIRLOCK_DATA_DIR: dataDir },
      maxBuffer: 1 << 24,
    });
    return (JSON.parse(stdout) as { verdict: string }).verdict;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    try {
      const r = JSON.parse(err.stdout ?? '') as { verdict: string; reason: string };
      return r.verdict === 'IE' ? `IE: ${r.reason}` : r.verdict;
    } catch {
      return `no verdict: ${err.stderr ?? String(e)}`;
    }
  }
}

test('many CLI processes judging at once on one cache: every verdict right, no IE', { timeout: 240_000 }, async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'airlock-shared-')), 'data');
  // Identical compiles race each other (the same key stored by several processes), and failed
  // compiles (CE) come and go while the others compile: the mix the issue reproduced.
  const jobs = [...Array(6).fill('ce.cpp'), ...Array(6).fill('ac.cpp'), ...Array(2).fill('ac.c')] as string[];
  const verdicts = await Promise.all(jobs.map((f) => judge(dataDir, solution(f))));
  const expected = jobs.map((f) => (f === 'ce.cpp' ? 'CE' : 'AC'));
  assert.deepEqual(verdicts, expected);
  // Nothing is left in the cache but entries and the lease directory (now empty).
  const names = readdirSync(join(dataDir, 'compile-cache'));
  assert.deepEqual(
    names.filter((n) => !/^[0-9a-f]{64}$/.test(n)),
    ['leases'],
  );
  assert.equal(names.length, 3, 'one entry each for ac.cpp and ac.c');
  assert.deepEqual(readdirSync(join(dataDir, 'compile-cache', 'leases')), []);
});

test("a live process's scratch directory survives another process opening the cache; a dead one's goes", { timeout: 60_000 }, async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'airlock-shared-')), 'data');
  const cache = join(dataDir, 'compile-cache');
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  const live = spawn('sleep', ['60'], { stdio: 'ignore' });
  const dead = spawn('true', [], { stdio: 'ignore' });
  await new Promise((r) => dead.on('exit', r));
  try {
    const plant = (name: string, ageMs = 0) => {
      mkdirSync(join(cache, name, 'out'), { recursive: true });
      writeFileSync(join(cache, name, 'out', 'main'), 'half a compile');
      const t = new Date(Date.now() - ageMs);
      utimesSync(join(cache, name), t, t);
      return join(cache, name);
    };
    const day = 24 * 60 * 60 * 1000;
    const liveFresh = plant(`tmp-${OWNER_TAG}.${live.pid}.0123456789ab`);
    const liveOld = plant(`tmp-${OWNER_TAG}.${live.pid}.ba9876543210`, 2 * day); // a live owner's is never stale
    const deadOne = plant(`tmp-${OWNER_TAG}.${dead.pid}.0123456789ab`);
    const otherHostFresh = plant('tmp-ffffffffffff.1.0123456789ab'); // another pid namespace: judged by age
    const legacyOld = plant('tmp-0123456789abcdef', 2 * day);
    assert.equal(await judge(dataDir, solution('ac.c')), 'AC');
    assert.ok(existsSync(join(liveFresh, 'out', 'main')), 'a live compile in progress is left alone');
    assert.ok(existsSync(liveOld), 'however long it runs');
    assert.ok(existsSync(otherHostFresh), 'an owner we cannot check is given a day');
    assert.ok(!existsSync(deadOne), "a dead process's scratch directory is removed");
    assert.ok(!existsSync(legacyOld), 'an ownerless one older than a day is removed');
  } finally {
    live.kill('SIGKILL');
  }
});
