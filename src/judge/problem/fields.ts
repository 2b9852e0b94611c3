// Reading untyped JSON fields with precise complaints ("problem.json limits.time: ...").
import type { Issues } from './issues.js';

type Obj = Record<string, unknown>;

/** Typed access to one JSON document's fields; every problem is reported to `issues` under `file`. */
export class Fields {
  constructor(
    private readonly issues: Issues,
    private readonly file: string,
  ) {}

  /** Report an error at a field path. */
  error(at: string, message: string): void {
    this.issues.error(at ? `${this.file} ${at}` : this.file, message);
  }

  /** An object, or undefined (reported unless absent). */
  object(v: unknown, at: string): Obj | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
    this.error(at, `must be an object, got ${describe(v)}`);
    return undefined;
  }

  /** Complain about keys outside `allowed`, suggesting the nearest one (typos are the usual cause). */
  onlyKeys(obj: Obj, at: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      const near = allowed.find((a) => a.toLowerCase() === key.toLowerCase() || distance(a, key) <= 2);
      this.error(at ? `${at}.${key}` : key, `unknown key${near ? ` (did you mean "${near}"?)` : `; known keys: ${allowed.join(', ')}`}`);
    }
  }

  /** A non-empty string, or undefined (reported when present but wrong, or when required and absent). */
  string(v: unknown, at: string, required = false): string | undefined {
    if (v === undefined) {
      if (required) this.error(at, 'is required');
      return undefined;
    }
    if (typeof v === 'string' && v.length > 0) return v;
    this.error(at, `must be a non-empty string, got ${describe(v)}`);
    return undefined;
  }

  /** A finite number > 0 (or >= 0 with allowZero), or undefined. */
  number(v: unknown, at: string, unit: string, allowZero = false): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v) && (v > 0 || (allowZero && v === 0))) return v;
    this.error(at, `must be a ${allowZero ? 'non-negative' : 'positive'} number of ${unit}, got ${describe(v)}`);
    return undefined;
  }

  /** A finite number in [minimum, maximum], or undefined (reported when present but out of range). */
  inRange(v: unknown, at: string, unit: string, minimum: number, maximum: number): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v >= minimum && v <= maximum) return v;
    this.error(at, `must be a number of ${unit} from ${minimum} to ${maximum}, got ${describe(v)}`);
    return undefined;
  }

  /** A boolean, or undefined. */
  boolean(v: unknown, at: string): boolean | undefined {
    if (v === undefined || typeof v === 'boolean') return v;
    this.error(at, `must be true or false, got ${describe(v)}`);
    return undefined;
  }

  /** A list of strings (one string counts as a list of one), or undefined. */
  strings(v: unknown, at: string): string[] | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x): x is string => typeof x === 'string')) return v;
    this.error(at, `must be a list of strings, got ${describe(v)}`);
    return undefined;
  }

  /** A list, or undefined. */
  list(v: unknown, at: string): unknown[] | undefined {
    if (v === undefined) return undefined;
    if (Array.isArray(v)) return v as unknown[];
    this.error(at, `must be a list, got ${describe(v)}`);
    return undefined;
  }
}

/** A value's JSON text, shortened, for messages. */
export function describe(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}
