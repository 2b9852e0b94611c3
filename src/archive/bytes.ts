// Reading a byte stream in exact pieces (tar's 512-byte blocks), with a cap on everything read.
import type { Transform } from 'node:stream';
import { AirlockError } from '../errors.js';
import { tooLarge } from './target.js';

/** Pulls exact byte counts from an async stream of chunks; every byte read counts against `cap`. */
export class ByteReader {
  private chunks: Buffer[] = [];
  private have = 0;
  private read = 0;

  constructor(
    private readonly source: AsyncIterator<Buffer>,
    private readonly cap: number,
  ) {}

  /** Exactly n bytes; undefined at a clean end of the stream; a partial piece is a truncated archive. */
  async take(n: number): Promise<Buffer | undefined> {
    if (!(await this.fill(n))) {
      if (this.have === 0) return undefined;
      throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', 'the archive is truncated');
    }
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.have -= n;
    this.count(n);
    return out;
  }

  /** The next n bytes in pieces as they arrive (a large entry never sits whole in memory). */
  async *stream(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.have === 0 && !(await this.fill(1))) throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', 'the archive is truncated');
      const head = this.chunks[0]!;
      const piece = head.length <= left ? head : head.subarray(0, left);
      if (piece === head) this.chunks.shift();
      else this.chunks[0] = head.subarray(left);
      this.have -= piece.length;
      left -= piece.length;
      this.count(piece.length);
      yield piece;
    }
  }

  /** Read and drop n bytes. */
  async skip(n: number): Promise<void> {
    for await (const _ of this.stream(n)) {
      /* dropped */
    }
  }

  /** Stop the source (a decompressor stops inflating). */
  async close(): Promise<void> {
    await this.source.return?.();
  }

  private async fill(n: number): Promise<boolean> {
    while (this.have < n) {
      const next = await this.source.next();
      if (next.done) return false;
      this.chunks.push(next.value);
      this.have += next.value.length;
    }
    return true;
  }

  private count(n: number): void {
    this.read += n;
    // Threat: a gzip bomb of headers, padding or skipped entries writes nothing yet inflates forever.
    if (this.read > this.cap) throw tooLarge(this.cap);
  }
}

/** One buffer as a stream of one chunk. */
export async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

/** Decompress a buffer chunk by chunk: a reader that stops at its cap stops the decompressor too (zip and gzip bombs). */
export async function* inflated(z: Transform, data: Buffer, what: string): AsyncGenerator<Buffer> {
  z.end(data);
  try {
    for await (const chunk of z) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof AirlockError) throw e;
    throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', `${what} (${(e as Error).message})`);
  } finally {
    z.destroy();
  }
}
