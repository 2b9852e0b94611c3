// Slots for one-shot commands (run, doctor, judge) that share the host with a service.
import { isAirlockError } from '../errors.js';
import { SlotPool } from './slots.js';

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

/** Several one-shot slots for one command (judging runs tests in parallel); a slot another launcher holds is swapped for a free one. */
export class HostSlotPool extends SlotPool {
  private readonly handedOut = new Set<number>();
  private cursor: number;

  constructor(size: number) {
    const n = Math.max(1, Math.min(size, COUNT));
    const first = FIRST + ((process.pid * 7) % (COUNT - n + 1));
    super(n, first);
    for (let i = 0; i < n; i++) this.handedOut.add(first + i);
    this.cursor = first + n - FIRST;
  }

  /** Run fn on a slot; when the launcher finds it busy (another command's), retire it and try a fresh one. */
  override async with<T>(fn: (slot: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let tries = 0; ; tries++) {
      const slot = await this.acquire(signal);
      let retired = false;
      try {
        return await fn(slot);
      } catch (e) {
        if (!isAirlockError(e, 'AIRLOCK_ERR_NO_SLOT') || tries >= COUNT) throw e;
        retired = true;
      } finally {
        this.release(retired ? this.fresh() : slot);
      }
    }
  }

  /** The next slot of the one-shot range this pool has not used yet (wrapping round once all have been). */
  private fresh(): number {
    for (let i = 0; i < COUNT; i++) {
      const slot = FIRST + ((this.cursor + i) % COUNT);
      if (!this.handedOut.has(slot)) {
        this.cursor += i + 1;
        this.handedOut.add(slot);
        return slot;
      }
    }
    this.handedOut.clear();
    return FIRST + (this.cursor++ % COUNT);
  }
}
