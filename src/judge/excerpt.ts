// Short, safe pieces of program output for results and tables.

/** Bytes kept of each output in a test result unless the caller asks otherwise. */
export const EXCERPT_BYTES = 1024;

/** The first `max` bytes as UTF-8 text, marking what was cut. */
export function excerpt(b: Buffer, max = EXCERPT_BYTES): string {
  if (b.length <= max) return b.toString('utf8');
  return `${b.subarray(0, max).toString('utf8')}… [${b.length - max} more bytes]`;
}

/** A checker's or interactor's message: trimmed, one paragraph, capped. */
export function message(b: Buffer, max = EXCERPT_BYTES): string {
  return excerpt(b, max).trim();
}
