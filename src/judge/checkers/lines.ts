// "lines": line by line, ignoring trailing whitespace on each line, CR before LF, and trailing empty lines.
import { ordinal, show, trimmedLines } from './text.js';
import { accepted, type CheckOutcome, wrong } from './types.js';

/** Equal lines after trimming their ends; the message names the first differing line. */
export function lines(output: Buffer, answer: Buffer): CheckOutcome {
  const got = trimmedLines(output);
  const want = trimmedLines(answer);
  const n = Math.max(got.length, want.length);
  for (let i = 0; i < n; i++) {
    if (got[i] !== want[i]) return wrong(`${ordinal(i + 1)} line differs: expected ${show(want[i])}, found ${show(got[i])}`);
  }
  return accepted(`${want.length} lines`);
}
