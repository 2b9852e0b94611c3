// validator_flags of the ICPC default output validator, as a built-in comparison.
import type { CheckerSpec } from './types.js';

/** Flags as arguments: a string split on spaces (the format's way), or a YAML list. */
export function flagList(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return undefined;
}

/** The comparison the flags ask for, or a message naming the flag that is wrong. */
export function diffSpec(flags: string[]): CheckerSpec | string {
  const spec: Extract<CheckerSpec, { type: 'icpc-diff' }> = { type: 'icpc-diff' };
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if (f === 'case_sensitive') spec.caseSensitive = true;
    else if (f === 'space_change_sensitive') spec.spaceSensitive = true;
    else if (f === 'float_tolerance' || f === 'float_relative_tolerance' || f === 'float_absolute_tolerance') {
      const e = Number(flags[++i]);
      if (flags[i] === undefined || !Number.isFinite(e) || e < 0) return `${f} wants a non-negative number after it`;
      if (f !== 'float_absolute_tolerance') spec.relative = e;
      if (f !== 'float_relative_tolerance') spec.absolute = e;
    } else
      return `unknown flag "${f}" of the default validator (known: case_sensitive, space_change_sensitive, float_tolerance E, float_relative_tolerance E, float_absolute_tolerance E)`;
  }
  return spec;
}
