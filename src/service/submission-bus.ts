// "Something happened to submission X" inside this process: event streams wake up and read the store.
// (Across machines the streams also poll the store, so a worker elsewhere is seen within a second or two.)

/** Wakes listeners of a submission when its state or events change. */
export class SubmissionBus {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Call `fn` on every change of submission `id`; returns the unsubscribe function. */
  on(id: string, fn: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (!set.size) this.listeners.delete(id);
    };
  }

  /** Submission `id` changed. */
  notify(id: string): void {
    for (const fn of [...(this.listeners.get(id) ?? [])]) fn();
  }
}
