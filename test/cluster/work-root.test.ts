// Two workers on one data directory (issue 12): a worker starting must keep what a live worker stages its boxes in
// (it used to remove <dataDir>/work whole, so the other's compiles ended as IE) and remove only what dead ones left.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { claimWorkRoot, STALE_MS } from '../../src/engine/work-root.js';
import { clusterSettings } from '../helpers/cluster.js';
import { serve, type ServiceProcess } from '../helpers/process.js';

const procs: ServiceProcess[] = [];
let cleanup: (() => Promise<void>) | undefined;
const data = mkdtempSync(join(tmpdir(), 'airlock-shared-data-'));

after(async () => {
  await Promise.all(
    procs
      .filter((p) => p.child.exitCode === null && p.child.signalCode === null)
      .map((p) => new Promise((r) => (p.child.once('exit', r), p.child.kill('SIGKILL')))),
  );
  await cleanup?.();
  rmSync(data, { recursive: true, force: true });
});

/** The process folders under a work root, by the pid in their name. */
const owners = (root: string) => readdirSync(root).map((n) => Number(/-(\d+)-[0-9a-z]+$/.exec(n)?.[1]));

test('a folder is removed only when its owner on this host is dead, or, from elsewhere, untouched for a day', () => {
  const root = mkdtempSync(join(tmpdir(), 'airlock-workroot-'));
  try {
    const live = `${hostname()}-${process.ppid}-abc`;
    const dead = `${hostname()}-999999999-abc`;
    const otherFresh = 'other-host-12-abc';
    const otherOld = 'other-host-13-abc';
    const legacyOld = 'x-AbC123';
    for (const n of [live, dead, otherFresh, otherOld, legacyOld]) mkdirSync(join(root, n));
    const old = new Date(Date.now() - STALE_MS - 60_000);
    for (const n of [otherOld, legacyOld, live]) utimesSync(join(root, n), old, old); // an idle live owner keeps its folder
    const mine = claimWorkRoot(root);
    assert.deepEqual(readdirSync(root).sort(), [live, otherFresh, mine.slice(root.length + 1)].sort());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a second worker on the data dir keeps the first one's work folder; a third removes a killed one's", async () => {
  const c = await clusterSettings();
  cleanup = () => c.cleanup();
  const sets = Object.entries(c.flags).map(([k, v]) => `${k}=${String(v)}`);
  const work = join(data, 'work');
  const w1 = await serve(data, 750, sets, 'worker');
  procs.push(w1);
  assert.deepEqual(owners(work), [w1.child.pid]);
  const w2 = await serve(data, 752, sets, 'worker');
  procs.push(w2);
  assert.deepEqual(owners(work).sort(), [w1.child.pid, w2.child.pid].sort());
  await new Promise((r) => (w1.child.once('exit', r), w1.child.kill('SIGKILL')));
  const w3 = await serve(data, 754, sets, 'worker');
  procs.push(w3);
  assert.deepEqual(owners(work).sort(), [w2.child.pid, w3.child.pid].sort());
});
