// Waiting for a run to end, in this process. (A multi-node setup would feed it from the queue's events.)

/** Notifies waiters when a run reaches a final state. */
export class RunEvents {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Resolve when the run ends or after timeoutMs (true: it ended). */
  wait(id: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (!set.size) this.waiters.delete(id);
        resolve(true);
      };
      const timer = setTimeout(() => {
        set.delete(done);
        if (!set.size) this.waiters.delete(id);
        resolve(false);
      }, timeoutMs);
      set.add(done);
    });
  }

  /** The run ended (or the service is going away): wake its waiters. */
  emit(id: string): void {
    for (const w of [...(this.waiters.get(id) ?? [])]) w();
  }

  /** Wake everyone (shutdown). */
  emitAll(): void {
    for (const id of [...this.waiters.keys()]) this.emit(id);
  }
}
