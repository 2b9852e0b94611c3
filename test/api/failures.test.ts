// Our failures as the caller sees them: one message, said once, with its code kept apart (no "The sandbox failed:
// The sandbox failed: ..."); and the launcher the service runs is the one its validated configuration names.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launcherPath } from '../../src/sandbox/launcher.js';
import { py, testApp } from '../helpers/service.js';

// A launcher that refuses every box, as the real one refuses arguments it cannot take (exit 1, a message on stderr),
// and leaves a mark so the test knows it was this file that ran.
const dir = mkdtempSync(join(tmpdir(), 'airlock-fake-launcher-'));
const fake = join(dir, 'airlock-sandbox');
writeFileSync(fake, `#!/bin/sh\ntouch ${dir}/ran\necho "bad arguments: refused by the test's launcher" >&2\nexit 1\n`);
chmodSync(fake, 0o755);

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => {
  t = await testApp(472, { 'sandbox.launcher': fake, 'sandbox.daemon': false });
});
after(async () => {
  await t.close();
  // Later tests in this process get the repository's launcher again.
  const { useLauncher } = await import('../../src/sandbox/launcher.js');
  useLauncher('');
});

const MESSAGE = "The sandbox failed: launcher rejected its arguments: bad arguments: refused by the test's launcher";

test('the service runs the launcher sandbox.launcher names', () => {
  assert.equal(launcherPath(), fake);
});

test('a sync run that our sandbox fails answers 500 with the message once, and the run keeps code and message apart', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/v1/runs', payload: py('print(1)') });
  assert.ok(existsSync(join(dir, 'ran')), 'the configured launcher ran');
  assert.equal(res.statusCode, 500, res.body);
  const { error } = res.json();
  assert.equal(error.code, 'AIRLOCK_ERR_SANDBOX_FAILED');
  assert.equal(error.message, MESSAGE);
  const runs = await t.parts.store.unfinishedRuns();
  assert.equal(runs.length, 0);
});

test('an async run that failed shows error (the words) and errorCode (the catalogue code) apart', async () => {
  const { id } = (await t.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print(1)') })).json();
  let view;
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    view = (await t.app.inject({ url: `/v1/runs/${id}` })).json();
    if (view.state !== 'queued' && view.state !== 'running') break;
  }
  assert.equal(view.state, 'failed');
  assert.equal(view.error, MESSAGE);
  assert.equal(view.errorCode, 'AIRLOCK_ERR_SANDBOX_FAILED');
  const stored = await t.parts.store.getRun(id);
  assert.equal(stored?.error, MESSAGE);
  assert.equal(stored?.errorCode, 'AIRLOCK_ERR_SANDBOX_FAILED');
});
