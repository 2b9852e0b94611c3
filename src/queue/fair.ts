// Round-robin across groups, FIFO within a group: one busy API key cannot starve the others.

/** A FIFO per group; `shift` serves the groups in turn. */
export class FairQueue<T extends { id: string; group: string }> {
  private readonly groups = new Map<string, T[]>();
  /** Groups with waiting items, in the order they will be served. */
  private readonly ring: string[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    let q = this.groups.get(item.group);
    if (!q) {
      q = [];
      this.groups.set(item.group, q);
      this.ring.push(item.group);
    }
    q.push(item);
    this.count++;
  }

  /** The next item: the oldest of the group whose turn it is. */
  shift(): T | undefined {
    const group = this.ring.shift();
    if (group === undefined) return undefined;
    const q = this.groups.get(group)!;
    const item = q.shift()!;
    if (q.length) this.ring.push(group);
    else this.groups.delete(group);
    this.count--;
    return item;
  }

  /** Take an item out by id; false if it is not waiting. */
  remove(id: string): boolean {
    for (const [group, q] of this.groups) {
      const i = q.findIndex((x) => x.id === id);
      if (i < 0) continue;
      q.splice(i, 1);
      this.count--;
      if (!q.length) {
        this.groups.delete(group);
        this.ring.splice(this.ring.indexOf(group), 1);
      }
      return true;
    }
    return false;
  }
}
