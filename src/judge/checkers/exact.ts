// "exact": the output must equal the answer byte for byte.
import { accepted, type CheckOutcome, wrong } from './types.js';

/** Byte-for-byte equality; the message names the first differing byte and its line. */
export function exact(output: Buffer, answer: Buffer): CheckOutcome {
  if (output.equals(answer)) return accepted(`${answer.length} bytes match exactly`);
  const n = Math.min(output.length, answer.length);
  let i = 0;
  while (i < n && output[i] === answer[i]) i++;
  const line = output.subarray(0, i).filter((c) => c === 0x0a).length + 1;
  if (i === output.length) return wrong(`output ends after ${i} bytes (line ${line}); the answer has ${answer.length}`);
  if (i === answer.length) return wrong(`output has extra bytes after byte ${i} (line ${line})`);
  return wrong(`byte ${i + 1} (line ${line}) differs: expected 0x${hex(answer[i]!)}, found 0x${hex(output[i]!)}`);
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
