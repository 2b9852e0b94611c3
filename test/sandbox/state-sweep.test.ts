// State directory hygiene: templates (a mount namespace each) and compiled seccomp filters of earlier launcher
// builds or older /etc files are removed once no launcher has used them for an hour, and what is in use stays.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { launcherPath } from '../../src/sandbox/launcher.js';
import { ROOTLESS, testSlot } from '../helpers/box.js';
import { until } from '../helpers/until.js';

const SLOT = testSlot(139);
const state = mkdtempSync(join(tmpdir(), 'airlock-state-sweep-'));
after(() => {
  // Templates and pooled network namespaces are mounts: detach them before removing the directory.
  for (const name of readdirSync(state).filter((n) => mounted(n))) execFileSync('umount', ['-l', join(state, name)]);
  rmSync(state, { recursive: true, force: true });
});

/** Run /bin/true in a box with this state directory; the launcher's exit status. */
function box(hostname: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(launcherPath(), ['--slot', String(SLOT), '--state-dir', state, '--hostname', hostname, '--', '/bin/true'], { stdio: 'ignore' });
    child.on('close', resolve);
  });
}

const entries = (re: RegExp) => readdirSync(state).filter((n) => re.test(n)).sort();
const mounted = (name: string) => readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${join(state, name)} `);
const twoHoursAgo = () => new Date(Date.now() - 2 * 3600 * 1000);

test('a template and a filter unused for an hour are removed when a new one is made; ones in use stay', async (t) => {
  assert.equal(await box('first'), 0);
  const filters = entries(/^seccomp-[0-9a-f]{16}\.bpf$/);
  assert.equal(filters.length, 1, 'the first box compiled and cached its filter');
  for (const f of filters) utimesSync(join(state, f), twoHoursAgo(), twoHoursAgo());
  // Strangers in the directory: a fresh filter (in use elsewhere) stays, a dead writer's old temporary goes.
  writeFileSync(join(state, 'seccomp-00000000000000ff.bpf'), '', { mode: 0o600 });
  writeFileSync(join(state, 'seccomp-0000000000000001.bpf.4242'), '', { mode: 0o600 });
  utimesSync(join(state, 'seccomp-0000000000000001.bpf.4242'), twoHoursAgo(), twoHoursAgo());

  let oldTemplate: string | undefined;
  if (ROOTLESS) {
    // No templates here: the sweep's trigger is a new filter, so the second box must compile its own again.
    t.diagnostic('rootless: boxes build their root each time, there are no templates to sweep');
    for (const f of filters) rmSync(join(state, f));
  } else {
    [oldTemplate] = entries(/^mnt-[0-9a-f]{16}$/);
    assert.ok(oldTemplate && mounted(oldTemplate), 'the first box left its template mounted');
    utimesSync(join(state, `${oldTemplate}.lock`), twoHoursAgo(), twoHoursAgo());
  }

  // Another hostname is another template (rootless: a filter made again): making it sweeps what nobody used for an hour.
  assert.equal(await box('second'), 0);
  assert.ok(existsSync(join(state, 'seccomp-00000000000000ff.bpf')), 'a filter used recently stays');
  assert.ok(!existsSync(join(state, 'seccomp-0000000000000001.bpf.4242')), 'an old temporary goes');
  if (oldTemplate) {
    assert.ok(!existsSync(join(state, oldTemplate)) && !existsSync(join(state, `${oldTemplate}.lock`)), 'the unused template goes');
    assert.ok(!mounted(oldTemplate), 'and its mount with it');
    const [current] = entries(/^mnt-[0-9a-f]{16}$/);
    assert.ok(current && mounted(current), 'the template just made stays');
  }
  // The filter the second box used was marked as used (or made again): it is there and fresh.
  const now = entries(/^seccomp-[0-9a-f]{16}\.bpf$/).filter((n) => n !== 'seccomp-00000000000000ff.bpf');
  assert.deepEqual(now, filters);
  // The swept configuration still works: its template is simply built again.
  assert.equal(await box('first'), 0);
});

test('a starting daemon removes the sockets of daemons whose service died, and keeps a live one', async () => {
  // A socket file left by a dead process (its pid in the name, as the service names them), and one named after us.
  const bind = (name: string) => execFileSync('python3', ['-c', `import os, socket; socket.socket(socket.AF_UNIX).bind(os.path.join(${JSON.stringify(state)}, ${name}))`]);
  bind(`"daemon-%d.sock" % os.getpid()`);
  const [dead] = entries(/^daemon-\d+\.sock$/);
  bind(JSON.stringify(`daemon-${process.pid}.sock`));
  const socket = join(state, 'test-daemon.sock');
  const daemon = spawn(launcherPath(), ['--state-dir', state, '--serve', socket], { stdio: 'ignore' });
  try {
    await until(() => existsSync(socket), (up) => up, 10_000, 'the daemon to listen');
    assert.ok(dead && !existsSync(join(state, dead)), 'the dead service\'s socket goes');
    assert.ok(existsSync(join(state, `daemon-${process.pid}.sock`)), 'a live service\'s socket stays');
  } finally {
    daemon.kill('SIGKILL');
  }
});
