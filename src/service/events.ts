// Waiting for a run to end, in this process. (A multi-node setup would feed it from the queue's events.)
import type { RunRecord } from '../store/types.js';

/** How a wait ended: the run ended (with its finished record when this process recorded it), or time ran out. */
export interface Waited {
  ended: boolean;
  run?: RunRecord;
}

/** Notifies waiters when a run reaches a final state. */
export class RunEvents {
  private readonly waiters = new Map<string, Set<(run?: RunRecord) => void>>();

  /** Resolve when the run ends or after timeoutMs. */
  wait(id: string, timeoutMs: number): Promise<Waited> {
    return new Promise((resolve) => {
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      const done = (run?: RunRecord) => {
        clearTimeout(timer);
        set.delete(done);
        if (!set.size) this.waiters.delete(id);
        resolve(run ? { ended: true, run } : { ended: true });
      };
      const timer = setTimeout(() => {
        set.delete(done);
        if (!set.size) this.waiters.delete(id);
        resolve({ ended: false });
      }, timeoutMs);
      set.add(done);
    });
  }

  /**
   * The run ended (or the service is going away): wake its waiters. `run` is the finished record when this process
   * just recorded it: a waiter answers from it instead of reading the run back, which for a run with 16 MiB of output
   * saved two more copies of that output (the stored JSON text and its parse) per answer.
   */
  emit(id: string, run?: RunRecord): void {
    for (const w of [...(this.waiters.get(id) ?? [])]) w(run);
  }

  /** Wake everyone (shutdown). */
  emitAll(): void {
    for (const id of [...this.waiters.keys()]) this.emit(id);
  }
}
