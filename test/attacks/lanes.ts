// Running a list of jobs on a fixed set of slots, one job per slot at a time ("two at a time").

/** Run fn over items with one worker per slot; results keep the items' order. */
export async function inLanes<T, R>(items: readonly T[], slots: readonly number[], fn: (item: T, slot: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    slots.map(async (slot) => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, slot);
      }
    }),
  );
  return results;
}
