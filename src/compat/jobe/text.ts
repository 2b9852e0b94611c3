// Output as Jobe sends it: each stream cut at its streamsize, and text that is not UTF-8 escaped byte by byte.
import { isUtf8 } from '../shared/output.js';

/** Jobe's streamsize in bytes: its runguard takes MB × 1000 as kB and cuts each of stdout and stderr there. */
export function streamBytes(megabytes: number): number {
  return Math.floor(megabytes * 1000) * 1024;
}

/** Jobe's default streamsize (2 MB). */
export const DEFAULT_STREAM_BYTES = streamBytes(2);

/**
 * Valid UTF-8 as it is; anything else with every control byte (but newline, return and tab) and every byte above 0x7E
 * written as `\xNN`, as Jobe's ResultObject does: the client sees the bytes instead of U+FFFD, and the escape is
 * unambiguous enough for a human reading a test's output.
 */
export function jobeText(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  for (const b of bytes)
    out += (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) || b > 0x7e ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b);
  return out;
}

/** A stream cut at `limit` bytes (runguard keeps the first bytes and drops the rest while the program goes on). */
export function cut(bytes: Buffer, limit: number): Buffer {
  return bytes.length > limit ? bytes.subarray(0, limit) : bytes;
}
