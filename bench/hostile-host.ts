// What the hostile soak measures on the host: each service process's peak RSS, a data directory's size, and what
// the soak's boxes and services left behind once stopped (cgroups, processes, temporaries).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { boxProcesses, cgroupLeftovers, hostSnapshot } from '../test/helpers/box.js';

/**
 * The peak resident set of a process in bytes: the kernel's high-water mark (VmHWM) sees a peak between two samples
 * that sampling would miss; 0 once the process is gone.
 */
export function peakRss(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Bytes of every regular file under `dir` (apparent size), following no links. */
export function dirBytes(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0; // removed meanwhile (a staging directory)
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    try {
      if (e.isDirectory()) total += dirBytes(path);
      else if (e.isFile()) total += statSync(path).size;
    } catch {
      // gone between readdir and stat: a temporary
    }
  }
  return total;
}

/** Host state before the soak: probe-named files in /tmp and /dev/shm (a box must never write there). */
export type HostBefore = ReturnType<typeof hostSnapshot>;

/** Snapshot the host before starting anything. */
export const hostBefore = (): HostBefore => hostSnapshot();

/**
 * What stopped services left: a box cgroup (or a process in a slot's kept one) or a process of one of their slots,
 * a staging directory (work/x-*), a half-built compile (compile-cache/tmp-*) or a lease (compile-cache/leases/*) in
 * one of their data directories, a probe-named file in the host's /tmp or /dev/shm. Each is one string naming it; none is the expected answer.
 */
export function leftovers(slots: number[], dataDirs: string[], before: HostBefore): string[] {
  const found: string[] = [];
  for (const slot of slots) {
    found.push(...cgroupLeftovers(slot));
    for (const pid of boxProcesses(slot)) found.push(`process ${pid} of slot ${slot}`);
  }
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
  for (const d of dataDirs) {
    for (const n of list(join(d, 'work'))) found.push(`staging ${join(d, 'work', n)}`);
    for (const n of list(join(d, 'compile-cache'))) if (n.startsWith('tmp-')) found.push(`half-built compile ${join(d, 'compile-cache', n)}`);
    for (const n of list(join(d, 'compile-cache', 'leases'))) found.push(`lease ${join(d, 'compile-cache', 'leases', n)}`);
  }
  const after = hostSnapshot();
  for (const n of after.tmp.filter((x) => !before.tmp.includes(x))) found.push(`file /tmp/${n}`);
  for (const n of after.shm.filter((x) => !before.shm.includes(x))) found.push(`file /dev/shm/${n}`);
  return found;
}
