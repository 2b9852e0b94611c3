// A fixed set of sandbox slots: one box per slot at a time, waiters served in order.
import { AirlockError } from '../errors.js';

/** Hands out slot numbers 0..size-1; each slot has its own uid and cgroup. */
export class SlotPool {
  readonly size: number;
  private readonly free: number[];
  private readonly waiters: Array<{ resolve: (slot: number) => void; reject: (e: Error) => void }> = [];
  /** Takers of several slots line up here, so two of them never each hold a part and wait for the rest. */
  private together: Promise<void> = Promise.resolve();

  constructor(size: number, first = 0) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`slot count must be a positive integer, got ${size}`);
    this.size = size;
    this.free = Array.from({ length: size }, (_, i) => first + i);
  }

  /** Slots currently in use. */
  get busy(): number {
    return this.size - this.free.length;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Wait for a free slot; rejects with AIRLOCK_ERR_CANCELLED if the signal fires first. */
  acquire(signal?: AbortSignal): Promise<number> {
    const slot = this.free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    if (signal?.aborted) return Promise.reject(new AirlockError('AIRLOCK_ERR_CANCELLED'));
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (s: number) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(s);
        },
        reject,
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new AirlockError('AIRLOCK_ERR_CANCELLED'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Give a slot back; the longest waiter gets it. */
  release(slot: number): void {
    const next = this.waiters.shift();
    if (next) next.resolve(slot);
    else this.free.push(slot);
  }

  /** Run fn with a slot held for its duration. */
  async with<T>(fn: (slot: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(signal);
    try {
      return await fn(slot);
    } finally {
      this.release(slot);
    }
  }

  /** Run fn with n slots held at once (boxes joined by pipes must run together). */
  async withMany<T>(n: number, fn: (slots: number[]) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (n > this.size) throw new AirlockError('AIRLOCK_ERR_NO_SLOT', `${n} slots are needed at once and the pool has ${this.size}`);
    const held: number[] = [];
    const turn = this.together.then(async () => {
      while (held.length < n) held.push(await this.acquire(signal));
    });
    this.together = turn.catch(() => {});
    try {
      await turn;
      return await fn(held);
    } finally {
      for (const slot of held) this.release(slot);
    }
  }
}
