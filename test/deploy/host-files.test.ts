// The hardened host files in deploy/ checked by the tools that will read them, never applied to
// this machine: systemd-analyze verify, nft -c, sshd -t (in a private mount namespace), fail2ban -t,
// and the sysctl file against this kernel's /proc/sys.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/box.js';
import { run, tool } from './tools.js';

const deploy = join(repoRoot, 'deploy');
const missing = (name: string) => (tool(name) ? false : `${name} is not installed (setup.sh installs it)`);

test('systemd units: systemd-analyze verify finds nothing but our not-yet-installed binaries', { skip: missing('systemd-analyze') }, () => {
  const dir = join(deploy, 'systemd');
  const r = run(['systemd-analyze', 'verify', './airlock-api.service', './airlock-worker.service', './airlock.slice'], dir);
  const installPaths = ['/usr/local/lib/airlock/cgroup-enter', '/usr/local/bin/airlock'];
  const complaints = r.output
    .split('\n')
    .filter(Boolean)
    .filter((l) => !installPaths.some((p) => !existsSync(p) && l.includes(`Command ${p} is not executable`)));
  assert.deepEqual(complaints, []);
  const hardening = readFileSync(join(dir, 'airlock-.service.d/hardening.conf'), 'utf8');
  for (const key of ['Delegate=yes', 'Slice=airlock.slice', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'ProtectHome=yes', 'PrivateTmp=yes']) {
    assert.ok(hardening.includes(`\n${key}\n`), key);
  }
  // Inherited by every box: these would break the launcher or JIT runtimes.
  for (const key of ['SystemCallFilter=', 'MemoryDenyWriteExecute=yes', 'RestrictNamespaces=yes', 'ProtectControlGroups=yes']) {
    assert.ok(!hardening.split('\n').some((l) => l.startsWith(key)), `${key} must not be set`);
  }
});

test('cgroup-enter is valid sh', () => {
  const r = run(['sh', '-n', join(deploy, 'systemd/airlock-cgroup-enter')]);
  assert.equal(r.status, 0, r.output);
});

test('nftables ruleset: nft -c accepts it; only 22, 80 and 443 are opened', { skip: missing('nft') }, () => {
  const file = join(deploy, 'nftables/airlock.nft');
  const r = run(['nft', '-c', '-f', file]);
  assert.equal(r.status, 0, r.output);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /type filter hook input priority filter; policy drop;/);
  const ports = [...text.matchAll(/^\s*tcp dport (\{[^}]*\}|\d+)[^\n]*accept$/gm)].flatMap((m) => m[1]!.replace(/[{}]/g, '').split(',').map((p) => p.trim()));
  assert.deepEqual([...new Set(ports)].sort(), ['22', '443', '80']);
  assert.doesNotMatch(text, /flush ruleset/, 'must not wipe other tables');
});

test('SSH snippet: sshd -t accepts it and the effective config is keys only', { skip: missing('sshd') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-sshd-'));
  try {
    run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'hostkey')]);
    const conf = join(dir, 'sshd_config');
    writeFileSync(conf, `Include ${join(deploy, 'ssh/airlock.conf')}\nHostKey ${join(dir, 'hostkey')}\nPidFile ${join(dir, 'sshd.pid')}\n`);
    // sshd -t wants /run/sshd; make it in a private mount namespace instead of on this host.
    const script = `mount -t tmpfs tmpfs /run && mkdir /run/sshd && sshd -t -f "$1" && sshd -T -f "$1" -C user=root,host=client,addr=192.0.2.1`;
    const r = run(['unshare', '--mount', 'sh', '-c', script, 'sh', conf]);
    assert.equal(r.status, 0, r.output);
    for (const line of ['passwordauthentication no', 'kbdinteractiveauthentication no', 'authenticationmethods publickey', 'allowtcpforwarding no', 'x11forwarding no', 'maxauthtries 3']) {
      assert.ok(r.output.split('\n').includes(line), line);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fail2ban jail: fail2ban-client -t accepts it (log paths pointed at temp files)', { skip: missing('fail2ban-client') || (existsSync('/etc/fail2ban') ? false : 'no /etc/fail2ban') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-fail2ban-'));
  try {
    cpSync('/etc/fail2ban', dir, { recursive: true });
    cpSync(join(deploy, 'fail2ban/airlock.local'), join(dir, 'jail.d/airlock.local'));
    for (const f of ['auth.log', 'nginx-error.log']) writeFileSync(join(dir, f), '');
    writeFileSync(join(dir, 'jail.d/zz-test-paths.local'), `[sshd]\nlogpath = ${dir}/auth.log\n[nginx-limit-req]\nlogpath = ${dir}/nginx-error.log\n`);
    const r = run(['fail2ban-client', '-c', dir, '-t']);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /configuration test is successful/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sysctl file: every key exists on this kernel (or may be skipped) and the issue\'s settings are there', () => {
  const entries = readFileSync(join(deploy, 'sysctl/90-airlock.conf'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^(-?)([a-z0-9_.]+)\s*=\s*(-?\d+)$/.exec(l);
      assert.ok(m, `malformed line: ${l}`);
      return { optional: m[1] === '-', key: m[2]!, value: m[3]! };
    });
  const keys = entries.map((e) => e.key);
  assert.equal(new Set(keys).size, keys.length, 'duplicate keys');
  const absent = entries.filter((e) => !e.optional && !existsSync(`/proc/sys/${e.key.replace(/\./g, '/')}`)).map((e) => e.key);
  assert.deepEqual(absent, [], 'keys this kernel lacks must be marked optional with a leading "-"');
  const want: Record<string, string> = {
    'kernel.io_uring_disabled': '2', 'vm.unprivileged_userfaultfd': '0', 'kernel.unprivileged_bpf_disabled': '1',
    'kernel.dmesg_restrict': '1', 'fs.protected_symlinks': '1', 'fs.protected_hardlinks': '1', 'kernel.yama.ptrace_scope': '2', 'kernel.kptr_restrict': '2',
  };
  for (const [k, v] of Object.entries(want)) assert.equal(entries.find((e) => e.key === k)?.value, v, k);
});
