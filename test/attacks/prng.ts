// A small deterministic PRNG for the fuzzers, so a failing seed can be replayed.

/** mulberry32: a function returning numbers in [0, 1) from the seed. */
export function prng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
