// Signal names as Piston reports and accepts them: one name per number (SIGABRT, not its alias SIGIOT).
import { constants } from 'node:os';

/** Number to name. Node lists aliases after the name they alias, so the first name per number is the usual one (SIGABRT before SIGIOT, SIGIO before SIGPOLL). */
const NAMES = new Map<number, string>();
for (const [name, n] of Object.entries(constants.signals)) if (!NAMES.has(n)) NAMES.set(n, name);
// Real-time signals have no names in Node; Piston names them from both ends of the range (34..64).
for (let n = 34; n <= 64; n++) NAMES.set(n, n <= 49 ? (n === 34 ? 'SIGRTMIN' : `SIGRTMIN+${n - 34}`) : n === 64 ? 'SIGRTMAX' : `SIGRTMAX-${64 - n}`);
const KNOWN = new Set(NAMES.values());

/** A signal's name ("SIGKILL"), or null for none. */
export function signalName(n: number): string | null {
  return n ? (NAMES.get(n) ?? String(n)) : null;
}

/** Whether a WebSocket `signal` message names a signal Piston accepts: a name from the table, never a number or an alias. */
export function isSignalName(s: unknown): s is string {
  return typeof s === 'string' && KNOWN.has(s);
}
