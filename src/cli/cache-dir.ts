// Where one-shot commands (run, judge) keep their compile cache and staging directories.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { ensurePrivateDir } from '../engine/private-dir.js';

/**
 * The configured data directory (dataDir, AIRLOCK_DATA_DIR), else /var/cache/airlock for root, else $XDG_CACHE_HOME/airlock or
 * ~/.cache/airlock: never a shared directory such as /tmp/airlock, which any local user could
 * create first and fill with a "cached compile" for root to run. Whichever it is, it must be ours
 * and 0700 (ensurePrivateDir), or the command stops with AIRLOCK_ERR_UNSAFE_DIRECTORY.
 */
export function privateDataDir(dir: string): string {
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  ensurePrivateDir(dir);
  return dir;
}

/** The data directory a one-shot command uses when the configuration names none (dataDir, AIRLOCK_DATA_DIR). */
export function defaultCliDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.geteuid?.() === 0) return '/var/cache/airlock';
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'airlock');
}
