// The main file as placed in /box: its name (fixed, or derived from the source as Java's public class) and any header line.
import type { Language } from './types.js';

/** A name we can place in /box without quoting worries (as validateFiles allows). */
const SAFE = /^[A-Za-z0-9_+][A-Za-z0-9._+-]*$/;

/** Where the main file goes; a derived name that is odd or too long falls back to `lang.source`. */
export function mainFileName(lang: Language, content: Buffer): string {
  const rule = lang.sourceFrom;
  if (!rule) return lang.source;
  // Only the head of the file is searched: the declaration is near the top, and the regex stays cheap.
  const head = content.subarray(0, 256 * 1024).toString('utf8');
  const m = new RegExp(rule.pattern, 'm').exec(head);
  if (!m?.[1]) return lang.source;
  const name = rule.name.replace('$1', rule.lowercase ? m[1].toLowerCase() : m[1]);
  return SAFE.test(name) && name.length <= 128 ? name : lang.source;
}

/** The main file's content as staged: the language's header line first when the program lacks it. */
export function withHeader(lang: Language, content: Buffer): Buffer {
  const header = lang.header;
  if (!header || content.subarray(0, 2).toString('latin1') === header.slice(0, 2)) return content;
  return Buffer.concat([Buffer.from(`${header}\n`), content]);
}
