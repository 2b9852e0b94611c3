// Host hardening checks for `airlock doctor`: advice on the host around the boxes (deploy/),
// reported in a group of their own and never a reason for the doctor to fail.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check } from './doctor.js';

/** deploy/ of this installation, relative to dist/src/sandbox. */
const deployDir = fileURLToPath(new URL('../../../deploy/', import.meta.url));

/** The sysctls the issue names, each with the threat it stops, checked one per line. */
const headline: Record<string, string> = {
  'kernel.io_uring_disabled': 'io_uring attack surface',
  'vm.unprivileged_userfaultfd': 'userfaultfd race widening',
  'kernel.unprivileged_bpf_disabled': 'unprivileged eBPF',
  'kernel.dmesg_restrict': 'kernel log address leaks',
  'kernel.kptr_restrict': 'kernel pointer leaks',
  'fs.protected_symlinks': '/tmp symlink races',
  'fs.protected_hardlinks': 'hardlink races',
  'kernel.yama.ptrace_scope': 'ptrace between services',
};

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** key -> wanted value, from deploy/sysctl/90-airlock.conf (the one list). */
export function wantedSysctls(file = join(deployDir, 'sysctl/90-airlock.conf')): Map<string, string> {
  const want = new Map<string, string>();
  for (const line of (read(file) ?? '').split('\n')) {
    const m = /^\s*-?([a-z0-9_.]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (m) want.set(m[1]!, m[2]!);
  }
  return want;
}

const sysctl = (key: string) => read(`/proc/sys/${key.replace(/\./g, '/')}`)?.trim();

/** Knobs where a higher value is stricter still; unprivileged_bpf_disabled: 1 and 2 both mean off. */
const atLeast = new Set(['kernel.kptr_restrict', 'kernel.yama.ptrace_scope', 'kernel.perf_event_paranoid', 'vm.mmap_min_addr',
  'kernel.dmesg_restrict', 'net.core.bpf_jit_harden', 'fs.protected_fifos', 'fs.protected_regular', 'kernel.io_uring_disabled']);

/** Whether the current value is as strict as the wanted one. */
export function satisfies(key: string, now: string, want: string): boolean {
  if (key === 'kernel.unprivileged_bpf_disabled') return now !== '0';
  if (atLeast.has(key)) return Number(now) >= Number(want);
  return now === want;
}
const fix = (what: string) => `install ${what} (see deploy/README.md)`;

function sysctlChecks(): Check[] {
  const want = wantedSysctls();
  if (want.size === 0) return [{ name: 'sysctl', ok: false, detail: 'deploy/sysctl/90-airlock.conf not found', advisory: true }];
  const checks: Check[] = [];
  const off: string[] = [];
  for (const [key, value] of want) {
    const now = sysctl(key);
    if (key in headline) {
      checks.push({
        name: key,
        ok: now === undefined || satisfies(key, now, value),
        detail: now === undefined ? `not in this kernel (${headline[key]})` : `${now}${satisfies(key, now, value) ? '' : ` (want ${value}: ${headline[key]})`}`,
        fix: fix('deploy/sysctl/90-airlock.conf'),
        advisory: true,
      });
    } else if (now !== undefined && !satisfies(key, now, value)) off.push(`${key}=${now} (want ${value})`);
  }
  checks.push({
    name: 'other sysctls',
    ok: off.length === 0,
    detail: off.length ? `${off.length} differ: ${off.slice(0, 4).join(', ')}${off.length > 4 ? ', ...' : ''}` : 'as deploy/sysctl/90-airlock.conf wants',
    fix: fix('deploy/sysctl/90-airlock.conf'),
    advisory: true,
  });
  return checks;
}

/** Whether our nftables table is loaded (needs root; nft missing counts as no firewall). */
function firewall(): Check {
  let detail = 'nft is not installed';
  let ok = false;
  if (['/usr/sbin/nft', '/sbin/nft'].some(existsSync)) {
    try {
      execFileSync('nft', ['list', 'table', 'inet', 'airlock'], { stdio: 'ignore', timeout: 5000 });
      ok = true;
      detail = 'table inet airlock is loaded (only 22, 80, 443 in)';
    } catch {
      detail = 'table inet airlock is not loaded';
    }
  }
  return { name: 'firewall', ok, detail, fix: fix('deploy/nftables/airlock.nft'), advisory: true };
}

/** sshd: keys only, if an SSH server is installed at all. */
function ssh(): Check {
  if (!existsSync('/usr/sbin/sshd')) return { name: 'ssh', ok: true, detail: 'no SSH server installed', advisory: true };
  const dir = '/etc/ssh/sshd_config.d';
  const files = ['/etc/ssh/sshd_config', ...(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.conf')).map((f) => join(dir, f)) : [])];
  const keysOnly = files.some((f) => /^\s*PasswordAuthentication\s+no\b/im.test(read(f) ?? ''));
  return { name: 'ssh', ok: keysOnly, detail: keysOnly ? 'password authentication is off' : 'password authentication is not turned off', fix: fix('deploy/ssh/airlock.conf'), advisory: true };
}

/** A file-based finding: is our snippet installed where the tool reads it. */
function installed(name: string, path: string, source: string, what: string): Check {
  const ok = existsSync(path);
  return { name, ok, detail: ok ? `${what} (${path})` : `${path} is missing`, fix: fix(source), advisory: true };
}

/** The host-hardening group. */
export function hostHardening(): Check[] {
  return [
    ...sysctlChecks(),
    firewall(),
    ssh(),
    installed('fail2ban', '/etc/fail2ban/jail.d/airlock.local', 'deploy/fail2ban/airlock.local', existsSync('/run/fail2ban/fail2ban.sock') ? 'jail installed, fail2ban running' : 'jail installed, fail2ban not running'),
    installed('nginx front', '/etc/nginx/conf.d/airlock.conf', 'deploy/nginx/airlock.conf', 'timeouts, body cap and rate limits in front of the service'),
    installed('systemd slice', '/etc/systemd/system/airlock.slice', 'deploy/systemd/', 'service and boxes under airlock.slice with delegation'),
  ];
}
