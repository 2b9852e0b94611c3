// JSON text made piece by piece, shaped by a response schema: big strings are escaped a slice at a time.
/** The parts of a JSON schema that shape an answer (TypeBox schemas are plain JSON schemas). */
export interface ShapeSchema {
  properties?: Record<string, ShapeSchema>;
  additionalProperties?: boolean | ShapeSchema;
  items?: ShapeSchema;
  [keyword: string]: unknown;
}

/** A string longer than this is escaped and written in slices of this many characters. */
const SLICE = 64 * 1024;

/** Whether a code unit is the first half of a surrogate pair (a slice must not end between the two halves). */
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The JSON text of one string, a slice at a time: the same characters JSON.stringify writes, never all at once. */
function* stringPieces(s: string): Generator<string> {
  if (s.length <= SLICE) {
    yield JSON.stringify(s);
    return;
  }
  yield '"';
  for (let at = 0; at < s.length;) {
    let end = Math.min(s.length, at + SLICE);
    if (end < s.length && isHighSurrogate(s.charCodeAt(end - 1))) end--;
    yield JSON.stringify(s.slice(at, end)).slice(1, -1);
    at = end;
  }
  yield '"';
}

/** The keys of `value` an answer keeps: all of them, or with a schema that lists its properties and allows no others, those it lists. */
function keptKeys(value: object, schema: ShapeSchema | undefined): string[] {
  const keys = Object.keys(value);
  if (!schema?.properties || schema.additionalProperties === true || typeof schema.additionalProperties === 'object') return keys;
  const known = schema.properties;
  return keys.filter((k) => Object.hasOwn(known, k));
}

/**
 * The JSON text of `value` in pieces, as JSON.stringify would write it (undefined properties left out, undefined items
 * as null, toJSON honoured), keeping only the properties `schema` lists where it lists them (the response serialiser
 * does the same). Threat: answering a run with 16 MiB of output made its escaped copy, the whole answer as one string,
 * and that string's bytes for the socket, each as big as the output, for every big answer at once.
 */
export function* jsonPieces(value: unknown, schema?: ShapeSchema): Generator<string> {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (typeof value === 'string') {
    yield* stringPieces(value);
  } else if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const v: unknown = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* jsonPieces(v, schema?.items);
    }
    yield ']';
  } else if (value !== null && typeof value === 'object') {
    yield '{';
    let first = true;
    for (const k of keptKeys(value, schema)) {
      const v: unknown = (value as Record<string, unknown>)[k];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      yield `${first ? '' : ','}${JSON.stringify(k)}:`;
      first = false;
      yield* jsonPieces(v, schema?.properties?.[k]);
    }
    yield '}';
  } else {
    yield JSON.stringify(value) ?? 'null';
  }
}

/** Whether the strings in `value` add up to more than `limit` characters (stops counting once they do). */
export function holdsMoreText(value: unknown, limit: number): boolean {
  let left = limit;
  const walk = (v: unknown, depth: number): boolean => {
    if (typeof v === 'string') return (left -= v.length) < 0;
    if (v === null || typeof v !== 'object' || depth > 8 || Buffer.isBuffer(v)) return false;
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (walk(x, depth + 1)) return true;
    return false;
  };
  return walk(value, 0);
}
