// "unordered": the same lines in any order (each line compared after trimming its end).
import { show, trimmedLines } from './text.js';
import { accepted, type CheckOutcome, wrong } from './types.js';

/** The output's lines must be a permutation of the answer's (as a multiset). */
export function unordered(output: Buffer, answer: Buffer): CheckOutcome {
  const want = new Map<string, number>();
  const wantLines = trimmedLines(answer);
  for (const l of wantLines) want.set(l, (want.get(l) ?? 0) + 1);
  const got = trimmedLines(output);
  for (const [i, l] of got.entries()) {
    const left = want.get(l) ?? 0;
    if (left === 0) return wrong(`line ${i + 1} ${show(l)} is not expected${wantLines.includes(l) ? ' that many times' : ''}`);
    want.set(l, left - 1);
  }
  for (const [l, left] of want) if (left > 0) return wrong(`missing line ${show(l)}${left > 1 ? ` (${left} times)` : ''}`);
  return accepted(`${wantLines.length} lines in some order`);
}
