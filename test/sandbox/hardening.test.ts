// The doctor's host-hardening group: read from deploy/, advisory only, never failing the doctor.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { hostHardening, satisfies, wantedSysctls } from '../../src/sandbox/hardening.js';
import { repoRoot } from '../helpers/box.js';

test('the wanted sysctls come from deploy/sysctl/90-airlock.conf', () => {
  const want = wantedSysctls();
  assert.equal(want.get('kernel.unprivileged_bpf_disabled'), '1');
  assert.equal(want.get('kernel.io_uring_disabled'), '2');
  assert.ok(want.size > 20);
});

test('stricter values satisfy: bpf 2 is off too, a higher ptrace_scope is fine, redirects are exact', () => {
  assert.ok(satisfies('kernel.unprivileged_bpf_disabled', '2', '1'));
  assert.ok(!satisfies('kernel.unprivileged_bpf_disabled', '0', '1'));
  assert.ok(satisfies('kernel.yama.ptrace_scope', '3', '2'));
  assert.ok(!satisfies('net.ipv4.conf.all.accept_redirects', '1', '0'));
});

test('every finding is advisory and names a fix when it is not ok', () => {
  const checks = hostHardening();
  assert.ok(checks.length >= 10);
  for (const c of checks) {
    assert.equal(c.advisory, true, c.name);
    if (!c.ok) assert.ok(c.fix, c.name);
  }
  assert.ok(checks.some((c) => c.name === 'firewall') && checks.some((c) => c.name === 'kernel.dmesg_restrict'));
});

test('airlock doctor prints the group apart and its exit status ignores it', () => {
  const out = execFileSync(process.execPath, [`${repoRoot}dist/src/cli/main.js`, 'doctor'], { encoding: 'utf8' });
  assert.match(out, /host hardening \(advice; does not fail the doctor\):\n/);
  assert.match(out, /firewall/);
});
