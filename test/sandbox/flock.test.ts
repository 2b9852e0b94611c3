// flock on a file two boxes share read-only (as every box shares /usr's files) is a signalling
// channel between boxes that run at the same time: an accepted covert channel, documented in
// docs/security.md with the reason. These tests pin down its extent: it exists only while both
// boxes run, nothing of it outlives a run, and locks inside one box keep working (the reason it
// is not simply switched off).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Bind } from '../../src/sandbox/options.js';
import { repoRoot, runProbe, said, testSlot, text } from '../helpers/box.js';

const SLOTS = [testSlot(132), testSlot(133)];
const dir = mkdtempSync(join(tmpdir(), 'airlock-flock-'));
const shared = join(dir, 'shared.so');
writeFileSync(shared, 'a file every box can read, like /usr/lib/x86_64-linux-gnu/libc.so.6\n');
const binds: Bind[] = [{ src: shared, dst: '/shared.so' }];
after(() => rmSync(dir, { recursive: true, force: true }));

test('documented: docs/security.md lists flock on shared read-only files as an accepted covert channel', () => {
  const doc = readFileSync(join(repoRoot, 'docs/security.md'), 'utf8');
  const section = /## Accepted covert channels\n([\s\S]*?)\n## /.exec(doc)?.[1] ?? '';
  assert.match(section, /flock/);
  assert.match(section, /fcntl/); // record locks (F_SETLK read locks, F_GETLK) are the same channel
});

test('while one box holds a lock on a shared read-only file, a box running at the same time sees it (the accepted channel)', async () => {
  const holder = runProbe(SLOTS[0]!, ['flock', 'hold', '/shared.so'], {}, { binds });
  await new Promise((r) => setTimeout(r, 1000));
  const seer = await runProbe(SLOTS[1]!, ['flock', 'try', '/shared.so'], {}, { binds });
  const held = await holder;
  assert.equal(held.status, 'OK', said(held));
  assert.equal(text(held), 'locked\n');
  assert.equal(seer.status, 'OK', said(seer));
  assert.equal(text(seer), 'busy\n');
});

test('no lock outlives its box: the next box finds the file free', async () => {
  const r = await runProbe(SLOTS[0]!, ['flock', 'try', '/shared.so'], {}, { binds });
  assert.equal(text(r), 'free\n');
});

test('inside one box a lock excludes its other processes, as programs expect', async () => {
  const r = await runProbe(SLOTS[0]!, ['flock', 'within', '/box/probe']);
  assert.equal(r.status, 'OK', said(r));
  assert.equal(text(r), 'second process: excluded\n');
});
