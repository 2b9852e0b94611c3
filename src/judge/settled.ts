// Waiting for every one of several jobs before reporting the first failure.

/** Promise.all that lets every promise settle before throwing the first error: no box may still be
 *  running (with files about to be removed) when the caller cleans up after a failure. */
export async function settled<T>(ps: Array<Promise<T>>): Promise<T[]> {
  const all = await Promise.allSettled(ps);
  const failed = all.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return all.map((r) => (r as PromiseFulfilledResult<T>).value);
}
