// Slots for one-shot commands (run, doctor, judge) that share the host with a service.
import { isAirlockError } from '../errors.js';

/** Slots one-shot commands try, apart from a service's 0..N-1. */
const FIRST = 1000;
const COUNT = 64;

/** Run fn on a slot no other launcher holds: a busy slot (exit 3) moves us to the next. */
export async function withHostSlot<T>(fn: (slot: number) => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn(FIRST + ((process.pid + i) % COUNT));
    } catch (e) {
      if (!isAirlockError(e, 'AIRLOCK_ERR_NO_SLOT') || i >= COUNT) throw e;
    }
  }
}
