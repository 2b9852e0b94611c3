// "floats": tokens, where numbers may differ by an absolute or relative tolerance.
import { compareTokens } from './tokens.js';
import type { CheckOutcome } from './types.js';

/** Tolerances; a number passes when it is within either one that is set. */
export interface FloatOptions {
  /** |found - expected| <= absolute. */
  absolute?: number;
  /** |found - expected| <= relative * |expected|. */
  relative?: number;
}

/** Defaults when neither tolerance is given: 1e-6 either way, as testlib's rcmp6. */
export const defaultTolerance = 1e-6;

/** Decimal numbers only: no hex, no "nan" or "inf" words, which then must match as text. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether found is within the tolerances of expected; floating-point rounding of the subtraction is forgiven. */
export function withinTolerance(found: number, expected: number, o: FloatOptions): boolean {
  if (found === expected) return true; // also equal infinities
  if (!Number.isFinite(found) || !Number.isFinite(expected)) return false;
  const diff = Math.abs(found - expected);
  const slack = Number.EPSILON * Math.max(Math.abs(found), Math.abs(expected), 1) * 4;
  if (o.absolute !== undefined && diff <= o.absolute + slack) return true;
  if (o.relative !== undefined && diff <= o.relative * Math.abs(expected) + slack) return true;
  return false;
}

/** Token comparison where decimal numbers are compared with tolerance. */
export function floats(output: Buffer, answer: Buffer, options: FloatOptions = {}): CheckOutcome {
  const o = options.absolute === undefined && options.relative === undefined ? { absolute: defaultTolerance, relative: defaultTolerance } : options;
  return compareTokens(output, answer, (got, want) => {
    if (!NUMBER.test(want)) return got === want || '';
    if (!NUMBER.test(got)) return 'not a number';
    const g = Number(got);
    const w = Number(want);
    return withinTolerance(g, w, o) || `difference ${Math.abs(g - w).toPrecision(3)} is over the tolerance`;
  });
}
