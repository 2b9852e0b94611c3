// Giving the memory of big outputs back promptly: a full garbage collection after enough of them were let go.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Output let go between two collections that is worth one (a collection of this heap takes a few ms). */
const WORTH = 16 * 1024 * 1024;
/** At most one collection this often, whatever the load. */
const MIN_INTERVAL_MS = 0;

let gc: (() => void) | undefined | null;
let owed = 0;
let last = 0;
let scheduled = false;

/** The engine's collector, exposed once (`--expose-gc` at runtime); null where the engine refuses. */
function collector(): (() => void) | null {
  if (gc !== undefined) return gc;
  try {
    const g = globalThis as { gc?: () => void };
    if (!g.gc) setFlagsFromString('--expose-gc');
    gc = g.gc ?? (runInNewContext('gc') as () => void);
  } catch {
    gc = null;
  }
  return gc;
}

/**
 * `bytes` of output are garbage now (an answer written, a result stored). Threat: V8 collects big strings only when
 * its heap has grown by a factor, so the copies of a few 16 MiB outputs stayed resident long after their answers were
 * written and the service's peak RSS grew with every big run that followed; a collection after every 16 MiB let go
 * keeps the peak to what is live.
 */
export function reclaim(bytes: number): void {
  owed += bytes;
  if (owed < WORTH || scheduled) return;
  scheduled = true;
  setTimeout(
    () => {
      scheduled = false;
      owed = 0;
      last = Date.now();
      collector()?.();
    },
    Math.max(0, last + MIN_INTERVAL_MS - Date.now()),
  ).unref();
}
