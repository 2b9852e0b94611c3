// The ICPC format's default output validator: tokens compared without regard to case or the amount of
// whitespace, unless its flags ask otherwise; numbers within a tolerance when one is set.
import { withinTolerance } from './floats.js';
import { bytes, ordinal, show } from './text.js';
import { accepted, type CheckOutcome, wrong } from './types.js';

/** The validator flags that matter here, as the loader reads them from validator_flags. */
export interface DiffOptions {
  caseSensitive?: boolean;
  spaceSensitive?: boolean;
  absolute?: number;
  relative?: number;
}

/** Any decimal or exponent notation: with a tolerance, 3.14000000e-2 stands for 0.0314. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Compare output with answer as the ICPC default validator does. */
export function icpcDiff(output: Buffer, answer: Buffer, o: DiffOptions): CheckOutcome {
  // With space_change_sensitive the whitespace runs are items too, compared exactly.
  const split = (b: Buffer) =>
    o.spaceSensitive
      ? bytes(b)
          .split(/([ \t\n\v\f\r]+)/)
          .filter((x) => x !== '')
      : bytes(b)
          .split(/[ \t\n\v\f\r]+/)
          .filter((x) => x !== '');
  const got = split(output);
  const want = split(answer);
  const tolerant = o.absolute !== undefined || o.relative !== undefined;
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    const g = got[i];
    const w = want[i];
    if (w === undefined) return wrong(`extra output after ${i} items: found ${show(g)}`);
    if (g === undefined) return wrong(`output ends after ${i} items: expected ${show(w)}`);
    if (g === w || (!o.caseSensitive && g.toLowerCase() === w.toLowerCase())) continue;
    if (/^\s/.test(w) || /^\s/.test(g)) return wrong(`whitespace differs before ${show(got[i + 1])} (space_change_sensitive)`);
    if (tolerant && NUMBER.test(w) && NUMBER.test(g) && withinTolerance(Number(g), Number(w), o)) continue;
    const why =
      tolerant && NUMBER.test(w)
        ? NUMBER.test(g)
          ? ` (difference ${Math.abs(Number(g) - Number(w)).toPrecision(3)} is over the tolerance)`
          : ' (not a number)'
        : '';
    return wrong(`${ordinal(i + 1)} ${o.spaceSensitive ? 'item' : 'token'} differs: expected ${show(w)}, found ${show(g)}${why}`);
  }
  return accepted(`${want.length} ${o.spaceSensitive ? 'items' : 'tokens'}`);
}
