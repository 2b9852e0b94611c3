// The launcher's own failures are reported truthfully: the message says what failed and why,
// with no errno left over from an earlier call, and a reading it cannot trust is IE, never a
// verdict about the program.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cgroupInfo } from '../../src/sandbox/doctor.js';
import { launcherPath } from '../../src/sandbox/launcher.js';
import { parseRecord } from '../../src/sandbox/result.js';
import { hostSnapshot, leftovers, ROOTLESS, runProbe, said, slotCgroups, testSlot } from '../helpers/box.js';

const SLOT = testSlot(136);
const dir = mkdtempSync(join(tmpdir(), 'airlock-failures-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run the launcher; its exit status and the record it wrote to stderr. */
function launch(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(launcherPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, err }));
  });
}

test('a refused state directory is reported without a stale errno ("File exists" from the mkdir before)', async () => {
  const state = join(dir, 'state');
  execFileSync('mkdir', ['-m', '0777', state]);
  chmodSync(state, 0o777); // writable by others: the launcher must refuse it
  const { code, err } = await launch(['--slot', String(SLOT), '--state-dir', state, '--', '/bin/true']);
  assert.equal(code, 2, err);
  const rec = parseRecord(err.slice(err.indexOf('status=')));
  assert.equal(rec.status, 'IE', said(rec));
  assert.equal(rec.message, `${state} must be a directory owned by us and writable by nobody else`);
});

test('setup failures in the box say what failed, with the errno of the call that failed and no other', async () => {
  const cwd = await runProbe(SLOT, ['hello'], {}, { cwd: '/box/missing' });
  assert.equal(cwd.status, 'IE', said(cwd));
  assert.equal(cwd.message, 'box setup failed: chdir /box/missing: No such file or directory');
  const cmd = await runProbe(SLOT, [], {}, { command: ['no-such-command'] });
  assert.equal(cmd.status, 'IE', said(cmd));
  assert.equal(cmd.message, 'box setup failed: command not found in the box: no-such-command');
});

// v1 keeps a slot's cpuacct cgroup from box to box: a box after a CPU-heavy one on the same slot
// must count nothing of it, even when its own program never starts (no exec to measure from).
test('a box that never starts its program reports no CPU time, whatever its slot ran before', async () => {
  const spin = await runProbe(SLOT, ['spin'], { cpuTime: 0.5, wallTime: 5 });
  assert.equal(spin.status, 'TLE', said(spin));
  assert.ok(spin.cpuTime >= 0.5, `the spinning box used ${spin.cpuTime} s`);
  const none = await runProbe(SLOT, [], { cpuTime: 0.2 }, { command: ['no-such-command'] });
  assert.equal(none.status, 'IE', said(none));
  assert.ok(none.cpuTime < 0.05, `a box whose program never ran reported ${none.cpuTime} s of CPU`);
  const hello = await runProbe(SLOT, ['hello'], { cpuTime: 0.2 });
  assert.equal(hello.status, 'OK', said(hello));
  assert.ok(hello.cpuTime < 0.05, `hello reported ${hello.cpuTime} s of CPU`);
});

// The test makes the launcher's CPU reading fail for real: it binds an empty file over the box
// cgroup's CPU counter while the box runs (root only). Taken as 0, the reading made time seem to
// run backwards, and the unsigned difference killed the box as a false TLE.
const cgroup = cgroupInfo().version;
const skip = ROOTLESS ? 'needs root to mount over a cgroup file' : cgroup === 'none' ? 'no cgroups' : false;
test('a cgroup reading that fails is IE naming the file, not a false TLE', { skip }, async () => {
  const before = hostSnapshot();
  const counter = cgroup === 'v2' ? join(slotCgroups(SLOT)[0]!, 'cpu.stat') : join(slotCgroups(SLOT).find((d) => d.includes('/cpuacct/'))!, 'cpuacct.usage');
  const run = runProbe(SLOT, ['sleep'], { cpuTime: 5, wallTime: 10 });
  let mounted = false;
  try {
    for (const deadline = Date.now() + 5000; !existsSync(counter) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 2));
    execFileSync('mount', ['--bind', '/dev/null', counter]);
    mounted = true;
    const r = await run;
    assert.equal(r.status, 'IE', `${r.status} ${r.message}`);
    assert.equal(r.message, `cannot read ${counter}: '' is not a number`);
  } finally {
    await run.catch(() => undefined);
    // v1 keeps the slot's cpuacct cgroup for the next box: the mount must go before it runs (v2 removed the
    // cgroup, and the mount with it).
    if (mounted && existsSync(counter)) execFileSync('umount', [counter]);
  }
  assert.deepEqual(await leftovers(SLOT, before), []);
});
