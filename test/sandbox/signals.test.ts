// The program starts with every signal at its default action and none blocked, whatever the
// launcher (which ignores SIGPIPE) or its caller had: a program writing to a closed pipe dies by
// SIGPIPE, as it would from a shell, so a dead interactor or reader is seen as such.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runViaDaemon } from '../../src/sandbox/daemon.js';
import { launcherPath } from '../../src/sandbox/launcher.js';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import { parseRecord } from '../../src/sandbox/result.js';
import { probe, runProbe, said, testSlot, text } from '../helpers/box.js';
import { until } from '../helpers/until.js';

const SLOT = testSlot(130);

test('writing to a closed pipe kills the program with SIGPIPE (RE, signal 13), not EPIPE', async () => {
  const r = await runProbe(SLOT, ['sigpipe']);
  assert.equal(r.status, 'RE', `${r.status} ${r.message} ${text(r)}`);
  assert.equal(r.signal, 13);
  assert.equal(text(r), '');
});

test('a shell pipeline whose reader quits ends its writer by SIGPIPE', async () => {
  const r = await runProbe(SLOT, [], {}, { command: ['/bin/bash', '-c', 'yes | head -n 1; echo "status ${PIPESTATUS[0]}"'] });
  assert.equal(r.status, 'OK', said(r));
  assert.equal(text(r), 'y\nstatus 141\n');
});

test('no signal is ignored or blocked when the program starts', async () => {
  const r = await runProbe(SLOT, ['sigstate']);
  assert.equal(r.status, 'OK', said(r));
  assert.equal(text(r), 'ignored: none\nblocked: none\n');
});

test("a caller's blocked and ignored signals do not reach the program", async () => {
  // The probe, on the host, blocks SIGUSR1 and ignores SIGUSR2, then execs the launcher.
  const dir = probe();
  const args = ['exec-masked', launcherPath(), '--slot', String(SLOT), '--copy-in', dir, '--', './probe', 'sigstate'];
  const { code, out, err } = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(join(dir, 'probe'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (c) => resolve({ code: c, out, err }));
  });
  assert.equal(code, 0, err);
  assert.equal(parseRecord(err).status, 'OK');
  assert.equal(out, 'ignored: none\nblocked: none\n');
});

test("a daemon started with blocked and ignored signals: none reaches its boxes' programs", async () => {
  // The daemon resets every disposition once when it starts, and each box only what its launcher changed since
  // (SIGPIPE): a daemon whose starter ignored SIGUSR2 must still give every box a clean start.
  const dir = probe();
  const socket = join(mkdtempSync(join(tmpdir(), 'airlock-sig-')), 'daemon.sock');
  const daemon = spawn(join(dir, 'probe'), ['exec-masked', launcherPath(), '--serve', socket], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await until(() => existsSync(socket), (ok) => ok, 5_000, 'the daemon to listen');
    for (let i = 0; i < 2; i++) {
      const r = await runViaDaemon(socket, { command: ['./probe', 'sigstate'], slot: SLOT, copyIn: dir, limits: defaultRunLimits });
      assert.equal(r.status, 'OK', said(r));
      assert.equal(text(r), 'ignored: none\nblocked: none\n');
    }
  } finally {
    daemon.kill('SIGTERM');
  }
});
