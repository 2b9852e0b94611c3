// Reading outputs as text for comparison: bytes kept exact (latin1), ASCII whitespace only, CRLF as LF.

/** Bytes as a string with one char per byte, so comparisons are exact even for invalid UTF-8. */
export function bytes(b: Buffer): string {
  return b.toString('latin1');
}

/** Lines without line ends or trailing blanks; CRLF counts as LF; trailing empty lines do not count. */
export function trimmedLines(b: Buffer): string[] {
  const lines = bytes(b)
    .split('\n')
    .map((l) => l.replace(/[ \t\r\v\f]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Tokens separated by ASCII whitespace (not Unicode spaces: byte 0xA0 inside UTF-8 is not a separator). */
export function* tokens(s: string): Generator<string, undefined> {
  const re = /[^ \t\n\v\f\r]+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) yield m[0];
}

/** A token or line quoted for a message: UTF-8 shown as such, long ones cut. */
export function show(s: string | undefined, max = 64): string {
  if (s === undefined) return 'end of output';
  const text = Buffer.from(s, 'latin1').toString('utf8');
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
