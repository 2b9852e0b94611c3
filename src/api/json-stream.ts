// JSON answers written piece by piece: a long list or a long output never becomes one string.
import { Readable } from 'node:stream';
import { jsonPieces, type ShapeSchema } from './json-pieces.js';

/** Pieces are gathered to about this many characters before they go out (one socket write, one chunk each). */
const GATHER = 16 * 1024;

/** Join small pieces into writes of about GATHER characters; big pieces (slices of a long string) go as they are. */
async function* gathered(pieces: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  let held = '';
  for await (const p of pieces) {
    held += p;
    if (held.length >= GATHER) {
      yield held;
      held = '';
    }
  }
  if (held) yield held;
}

/**
 * `{"<field>":[item,item,...]}` as a stream; each item is made (and serialised) only when the client has taken the
 * one before (backpressure), shaped by `itemSchema` as the route's serialiser would. Threat: V8 refuses strings longer
 * than about 512 MiB, so a list of large results serialised at once answered 500 (RangeError) after holding all of
 * them in memory.
 */
export function jsonListStream<T>(field: string, items: Iterable<T> | AsyncIterable<T>, item: (v: T) => unknown, itemSchema?: ShapeSchema): Readable {
  async function* pieces() {
    yield `{${JSON.stringify(field)}:[`;
    let first = true;
    for await (const v of items) {
      if (!first) yield ',';
      first = false;
      yield* jsonPieces(await item(v), itemSchema);
    }
    yield ']}';
  }
  return Readable.from(gathered(pieces()), { objectMode: false });
}

/** The JSON text of `value` as a stream, shaped by `schema`: each piece is made when the client has taken the ones before. */
export function jsonStream(value: unknown, schema?: ShapeSchema): Readable {
  return Readable.from(gathered(jsonPieces(value, schema)), { objectMode: false });
}
