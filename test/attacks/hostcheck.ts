// Host-side checks after an attack, beyond test/helpers/box.ts's leftovers(): files the service
// received from the box, paths attacks try to create, and the service's own memory.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Host paths the catalogue's programs try to create; any of them existing is an escape. */
const forbidden = [
  '/airlock-pwned',
  '/usr/airlock-pwned',
  '/usr/bin/airlock-pwned',
  '/etc/airlock-pwned',
  '/var/airlock-pwned',
  '/tmp/airlock-pwned',
  '/dev/shm/airlock-pwned',
  '/lib/airlock-pwned',
];

/** Forbidden host paths that exist. */
export function forbiddenPaths(): string[] {
  return forbidden.filter((p) => existsSync(p)).map((p) => `host path created: ${p}`);
}

/** The service's resident memory bound while it relays hostile output (the caps must hold). */
export const RSS_BOUND = 1024 * 1024 * 1024;

/** Problems if this process's resident memory is above the bound. */
export function serviceMemory(): string[] {
  const rss = process.memoryUsage().rss;
  return rss > RSS_BOUND ? [`service RSS ${rss} bytes is above ${RSS_BOUND}`] : [];
}

/**
 * A directory the service received from a box (copy-out, compile output) must hold only
 * regular files and directories, without setuid/setgid bits, none with the host secret in it.
 */
export function plainTree(dir: string, token: string): string[] {
  const problems: string[] = [];
  const walk = (d: string, depth: number) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const st = lstatSync(path);
      if (st.isSymbolicLink()) problems.push(`symlink received: ${path}`);
      else if (st.isDirectory()) {
        if (depth < 40) walk(path, depth + 1);
      } else if (!st.isFile()) problems.push(`special file received: ${path}`);
      else {
        if (st.mode & 0o6000) problems.push(`setuid/setgid file received: ${path} mode ${(st.mode & 0o7777).toString(8)}`);
        // Written by the launcher, never by the box: owned by us (root, or the rootless service user).
        if (st.uid !== process.geteuid!()) problems.push(`file not owned by the launcher's user: ${path}`);
        if (st.size < 64 * 1024 * 1024 && readFileSync(path).includes(token)) problems.push(`host secret copied into ${path}`);
      }
    }
  };
  walk(dir, 0);
  return problems;
}
