// "tokens": whitespace-separated tokens must be equal; how much whitespace and where does not matter.
import { bytes, ordinal, show, tokens as split } from './text.js';
import { accepted, type CheckOutcome, wrong } from './types.js';

/** Options of the token checker. */
export interface TokenOptions {
  /** Compare letters without regard to case ("YES" = "yes"). */
  ignoreCase?: boolean;
}

/** Walk two token streams in step; `same` decides each pair and may explain a mismatch. */
export function compareTokens(output: Buffer, answer: Buffer, same: (got: string, want: string) => true | string): CheckOutcome {
  const got = split(bytes(output));
  const want = split(bytes(answer));
  for (let i = 1; ; i++) {
    const g = got.next();
    const w = want.next();
    if (w.done && g.done) return accepted(`${i - 1} tokens`);
    if (w.done) return wrong(`extra output after ${i - 1} tokens: found ${show(g.value)}`);
    if (g.done) return wrong(`output ends after ${i - 1} tokens: expected ${show(w.value)}`);
    const verdict = same(g.value, w.value);
    if (verdict !== true) return wrong(`${ordinal(i)} token differs: expected ${show(w.value)}, found ${show(g.value)}${verdict ? ` (${verdict})` : ''}`);
  }
}

/** Token-by-token equality. */
export function tokens(output: Buffer, answer: Buffer, options: TokenOptions = {}): CheckOutcome {
  const eq = options.ignoreCase ? (g: string, w: string) => g.toLowerCase() === w.toLowerCase() : (g: string, w: string) => g === w;
  return compareTokens(output, answer, (g, w) => eq(g, w) || '');
}
