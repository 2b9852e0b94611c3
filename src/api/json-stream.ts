// A JSON answer written piece by piece: a list of any length never becomes one string.
import { Readable } from 'node:stream';

/**
 * `{"<field>":[item,item,...]}` as a stream; each item is made (and serialised) only when the client has taken the
 * one before (backpressure). Threat: V8 refuses strings longer than about 512 MiB, so a list of large results
 * serialised at once answered 500 (RangeError) after holding all of them in memory.
 */
export function jsonListStream<T>(field: string, items: Iterable<T> | AsyncIterable<T>, item: (v: T) => unknown): Readable {
  async function* pieces() {
    yield `{${JSON.stringify(field)}:[`;
    let first = true;
    for await (const v of items) {
      yield `${first ? '' : ','}${JSON.stringify(await item(v))}`;
      first = false;
    }
    yield ']}';
  }
  return Readable.from(pieces(), { objectMode: false });
}
