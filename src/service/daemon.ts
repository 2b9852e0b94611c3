// The launcher daemon for this service: started with it (no process spawn per run), and orphans of killed services stopped.
import { readdirSync, readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { startDaemon, stopDaemon } from '../sandbox/daemon.js';

const SOCKET = /daemon-(\d+)\.sock$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A service killed with SIGKILL leaves its daemon running (the daemon does not watch its parent): find launcher
 * daemons whose socket names a dead service pid and stop them, so restarts do not pile them up.
 */
export function stopOrphanDaemons(log: Logger): number {
  let stopped = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const i = argv.indexOf('--serve');
    const owner = i >= 0 ? SOCKET.exec(argv[i + 1] ?? '') : null;
    if (!owner || !argv[0]?.endsWith('airlock-sandbox') || alive(Number(owner[1]))) continue;
    try {
      process.kill(Number(entry), 'SIGTERM');
      stopped++;
    } catch {
      /* gone meanwhile */
    }
  }
  if (stopped) log.info({ stopped }, 'stopped launcher daemons of services that were killed');
  return stopped;
}

/** Start this service's daemon; its socket sits in the launcher's root-only state directory. */
export async function startServiceDaemon(stateDir: string | undefined, log: Logger): Promise<() => void> {
  stopOrphanDaemons(log);
  const socket = await startDaemon(stateDir);
  log.info({ socket }, 'launcher daemon started');
  return stopDaemon;
}
