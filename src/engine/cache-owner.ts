// Names that say which process made a scratch directory or a lease in the compile cache, so that
// another process sharing the directory can tell a live one from a crash's leftover.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';

/** After this long, a leftover whose owner cannot be checked (another host or pid namespace, an older name) is stale. */
export const UNKNOWN_OWNER_AGE_MS = 24 * 60 * 60 * 1000;

/** This boot's pid namespace: a pid read from a name means our process only when the tags match. */
export const OWNER_TAG = ownerTag();

function ownerTag(): string {
  let where: string;
  try {
    where = `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/${statSync('/proc/self/ns/pid').ino}`;
  } catch {
    where = `host:${hostname()}`;
  }
  return createHash('sha256').update(where).digest('hex').slice(0, 12);
}

/** A fresh name `<prefix><tag>.<pid>.<random>` owned by this process. */
export function ownedName(prefix: string): string {
  return `${prefix}${OWNER_TAG}.${process.pid}.${randomBytes(6).toString('hex')}`;
}

/** Whether a process of this pid namespace is alive (EPERM: alive, someone else's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a name made by `ownedName(prefix)` (or an older, ownerless name with the prefix) is a
 * leftover: its owner is a dead process of our pid namespace, or, when the owner cannot be
 * checked, it is older than a day. A live owner's name is never stale, however old.
 */
export function isStale(name: string, prefix: string, mtimeMs: number, now = Date.now()): boolean {
  const m = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([0-9a-f]{12})\\.(\\d+)\\.[0-9a-f]+$`).exec(name);
  if (m && m[1] === OWNER_TAG) return !isAlive(Number(m[2]));
  return now - mtimeMs > UNKNOWN_OWNER_AGE_MS;
}
