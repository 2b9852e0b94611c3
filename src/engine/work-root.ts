// Each service process stages its boxes' files in its own folder under <dataDir>/work, so that processes sharing a
// data directory (two workers on one host, a restart while the old process drains) never remove each other's files.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** A folder nobody has touched for this long belongs to a process that is gone (one on another host, say). */
export const STALE_MS = 24 * 3600 * 1000;

const OWNER = /^(?<host>.+)-(?<pid>\d+)-(?<n>[0-9a-z]+)$/;

/** True when a process with this pid exists on this host (EPERM: it exists, someone else's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a folder under the work root can go: its owner, named in the folder, was a process of this host that has
 * ended; or, made on another host (or by an older version), nothing in it changed for STALE_MS (a box's staging
 * folder, made in it, lives no longer than its run). Threat: a second process starting on the same data
 * directory used to remove the whole work root, so the first one's running boxes ended as IE ("copy-out: open …:
 * No such file or directory").
 */
function abandoned(root: string, name: string, now: number): boolean {
  const m = OWNER.exec(name);
  if (m?.groups?.host === hostname()) return !alive(Number(m.groups.pid));
  try {
    return now - statSync(join(root, name)).mtimeMs > STALE_MS;
  } catch {
    return false; // removed meanwhile by its owner
  }
}

/** This process's own staging root under `root` (created 0700), after removing what dead processes left there. */
export function claimWorkRoot(root: string, now = Date.now()): string {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(root)) {
    if (abandoned(root, name, now)) rmSync(join(root, name), { recursive: true, force: true });
  }
  const mine = join(root, `${hostname()}-${process.pid}-${now.toString(36)}`);
  mkdirSync(mine, { mode: 0o700 });
  return mine;
}
