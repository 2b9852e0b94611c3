// Turning a language's needs and a caller's request into the limits one box gets.
import { type BoundedLimit, limitBounds, outOfBounds } from '../config/limit-bounds.js';
import { AirlockError } from '../errors.js';
import type { Language } from '../languages/types.js';
import { type BoxLimits, defaultCompileLimits, defaultRunLimits } from '../sandbox/limits.js';

const keys = Object.keys(defaultRunLimits) as (keyof BoxLimits)[];

/** Check a caller's partial limits: finite, positive, in their documented range (limit-bounds.ts), and within the ceilings if any. */
export function checkLimits(limits: Partial<BoxLimits> | undefined, ceiling?: BoxLimits): void {
  for (const [key, value] of Object.entries(limits ?? {})) {
    if (!keys.includes(key as keyof BoxLimits)) throw new AirlockError('AIRLOCK_ERR_BAD_LIMIT', `unknown limit "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new AirlockError('AIRLOCK_ERR_BAD_LIMIT', `${key} must be a positive number, got ${JSON.stringify(value)}`);
    }
    const why = key in limitBounds ? outOfBounds(key as BoundedLimit, value) : undefined;
    if (why) throw new AirlockError('AIRLOCK_ERR_BAD_LIMIT', why);
    const max = ceiling?.[key as keyof BoxLimits];
    if (max !== undefined && value > max) throw new AirlockError('AIRLOCK_ERR_BAD_LIMIT', `${key} ${value} is above the ceiling ${max}`);
  }
}

/** Limits for the run stage: defaults, then the language's needs, then the caller's, times the language's factor. */
export function runLimits(lang: Language, req?: Partial<BoxLimits>): BoxLimits {
  const l = { ...defaultRunLimits, ...lang.runLimits, ...req };
  const factor = lang.timeFactor ?? 1;
  return { ...l, cpuTime: l.cpuTime * factor, wallTime: l.wallTime * factor };
}

/** Limits for the compile stage. */
export function compileLimits(lang: Language, req?: Partial<BoxLimits>): BoxLimits {
  return { ...defaultCompileLimits, ...lang.compileLimits, ...req };
}
