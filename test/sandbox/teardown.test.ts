// Nothing outlives a run, even when the launcher itself is killed mid-run.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { launcherPath } from '../../src/sandbox/launcher.js';
import { boxProcesses, hostSnapshot, leftovers, probe, runProbe, said, slotCgroupProcesses, slotCgroups, testSlot, text } from '../helpers/box.js';

const SLOT = testSlot(110);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start a launcher running a fork bomb-ish sleeper tree, then SIGKILL the launcher itself. */
async function killLauncherMidRun(slot: number): Promise<void> {
  const child = spawn(launcherPath(), ['--slot', String(slot), '--copy-in', probe(), '--wall-time', '30', '--', '/bin/sh', '-c', './probe daemon && exec ./probe sleep'], { stdio: 'ignore' });
  // Wait until the box's processes exist, then kill the launcher without warning.
  for (let i = 0; i < 100 && slotCgroupProcesses(slot).length < 2; i++) await sleep(20);
  assert.ok(slotCgroupProcesses(slot).length >= 2, 'the box never started');
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

test('a SIGKILLed launcher takes its box with it; the next run cleans the cgroup', async () => {
  const before = hostSnapshot();
  await killLauncherMidRun(SLOT);
  // init dies with its parent, and the kernel kills the rest of the pid namespace.
  for (let i = 0; i < 50 && (boxProcesses(SLOT).length > 0 || slotCgroupProcesses(SLOT).length > 0); i++) await sleep(20);
  assert.deepEqual(boxProcesses(SLOT), []);
  assert.deepEqual(slotCgroupProcesses(SLOT), []);
  // The stale cgroup is still there until someone uses the slot again.
  assert.ok(slotCgroups(SLOT).some(existsSync), 'expected a stale cgroup');
  const next = await runProbe(SLOT, ['hello']);
  assert.equal(next.status, 'OK', said(next));
  assert.equal(text(next), 'hello\n');
  assert.deepEqual(await leftovers(SLOT, before), []);
});

test('--cleanup removes what a killed launcher left', async () => {
  await killLauncherMidRun(SLOT);
  execFileSync(launcherPath(), ['--slot', String(SLOT), '--cleanup']);
  assert.deepEqual(slotCgroups(SLOT).filter(existsSync), []);
  assert.deepEqual(boxProcesses(SLOT), []);
});

test('a busy slot is refused with exit code 3, not shared', async () => {
  const first = runProbe(SLOT, ['sleep'], { wallTime: 2 });
  for (let i = 0; i < 250 && slotCgroupProcesses(SLOT).length === 0; i++) await sleep(20);
  await assert.rejects(runProbe(SLOT, ['hello']), { code: 'AIRLOCK_ERR_NO_SLOT' });
  assert.equal((await first).status, 'TLE');
});
