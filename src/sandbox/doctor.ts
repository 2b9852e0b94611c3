// Host checks: can this machine build boxes, and if not, what to do about it.
import { readFileSync } from 'node:fs';
import { release } from 'node:os';
import { withHostSlot } from './hostslots.js';
import { assertLauncher } from './launcher.js';
import { runBox } from './run.js';
import { defaultRunLimits } from './limits.js';

/** One finding: what was checked, whether it is fine, and how to fix it if not. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** Advice about the host around the boxes: reported, never a reason to fail. */
  advisory?: boolean;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Kernel version as [major, minor]. */
function kernel(): [number, number] {
  const [maj = 0, min = 0] = release().split('.').map((n) => parseInt(n, 10));
  return [maj, min];
}

/** What the cgroup hierarchies offer: v2 with its controllers, or v1 mounts per controller. */
export function cgroupInfo(): { version: 'v1' | 'v2' | 'none'; controllers: string[]; detail: string } {
  const mounts = read('/proc/self/mountinfo').split('\n');
  const v1 = new Set<string>();
  let v2mount: string | undefined;
  for (const line of mounts) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const mountPoint = left.split(' ')[4];
    const [type, , opts = ''] = right.split(' ');
    if (type === 'cgroup2') v2mount ??= mountPoint;
    if (type === 'cgroup') for (const o of opts.split(',')) v1.add(o);
  }
  const v2controllers = v2mount ? read(`${v2mount}/cgroup.controllers`).trim().split(/\s+/).filter(Boolean) : [];
  if (v2controllers.includes('memory') && v2controllers.includes('pids')) {
    return { version: 'v2', controllers: v2controllers, detail: `unified hierarchy at ${v2mount}` };
  }
  const need = ['memory', 'pids', 'cpuacct'];
  if (need.every((c) => v1.has(c))) {
    return { version: 'v1', controllers: need, detail: `legacy hierarchies (v2 at ${v2mount ?? 'none'} has: ${v2controllers.join(' ') || 'nothing'})` };
  }
  return { version: 'none', controllers: [], detail: 'neither v2 with memory+pids nor v1 memory/pids/cpuacct' };
}

/** Run every check; the last one builds a real box. */
export async function doctor(): Promise<Check[]> {
  const checks: Check[] = [];
  const [maj, min] = kernel();
  checks.push({
    name: 'kernel',
    ok: maj > 5 || (maj === 5 && min >= 12),
    detail: `Linux ${release()}`,
    fix: 'airlock needs Linux 5.12 or later (mount_setattr, pidfd, seccomp user notification)',
  });
  const root = process.geteuid?.() === 0;
  checks.push({ name: 'privileges', ok: root, detail: root ? 'running as root' : 'not root', fix: 'run as root (rootless mode with a delegated cgroup is planned)' });
  const cg = cgroupInfo();
  checks.push({
    name: 'cgroups',
    ok: cg.version !== 'none',
    detail: `${cg.version}: ${cg.detail}`,
    fix: 'mount cgroup2 with the memory and pids controllers, or v1 memory, pids and cpuacct hierarchies',
  });
  const seccomp = /Seccomp:\s*\d/.test(read('/proc/self/status'));
  checks.push({ name: 'seccomp', ok: seccomp, detail: seccomp ? 'filter mode available' : 'no Seccomp line in /proc/self/status', fix: 'use a kernel built with CONFIG_SECCOMP_FILTER' });
  const userns = Number(read('/proc/sys/user/max_user_namespaces').trim() || '0');
  checks.push({
    name: 'user namespaces',
    ok: userns > 0,
    detail: `max_user_namespaces=${userns}`,
    fix: 'sysctl user.max_user_namespaces=10000 (needed only for rootless mode)',
  });
  let launcher: string | undefined;
  try {
    launcher = assertLauncher();
    checks.push({ name: 'launcher', ok: true, detail: launcher });
  } catch (e) {
    checks.push({ name: 'launcher', ok: false, detail: (e as Error).message, fix: 'run ./setup.sh (or make -C sandbox)' });
  }
  if (launcher && root) {
    try {
      const r = await withHostSlot((slot) => runBox({ command: ['/bin/true'], slot, limits: { ...defaultRunLimits, cpuTime: 2, wallTime: 5 } }));
      checks.push({ name: 'box', ok: r.status === 'OK', detail: r.status === 'OK' ? `a fresh box ran /bin/true (${(r.wallTime * 1000).toFixed(1)} ms)` : `${r.status}: ${r.message}`, fix: 'see the message above' });
    } catch (e) {
      checks.push({ name: 'box', ok: false, detail: (e as Error).message, fix: 'see the message above' });
    }
  }
  return checks;
}
