// The dialogue of an interactive test, as the judge relays it: capped, each chunk marked with its direction.

/** Bytes of dialogue kept per test. */
export const TRANSCRIPT_BYTES = 64 * 1024;

/** Collects "> " lines (solution to interactor) and "< " lines (interactor to solution). */
export class Transcript {
  private text = '';
  private last: '>' | '<' | undefined;
  private cut = false;

  constructor(private readonly cap = TRANSCRIPT_BYTES) {}

  /** Record a chunk going one way. */
  add(dir: '>' | '<', chunk: Buffer): void {
    if (this.cut) return;
    let s = chunk.toString('utf8');
    if (this.last !== dir && this.text && !this.text.endsWith('\n')) this.text += '\n';
    const atLineStart = this.text === '' || this.text.endsWith('\n');
    s = (atLineStart ? `${dir} ` : '') + s.replace(/\n(?!$)/g, `\n${dir} `);
    this.last = dir;
    if (this.text.length + s.length > this.cap) {
      this.text += `${s.slice(0, this.cap - this.text.length)}\n[transcript cut at ${this.cap} bytes]\n`;
      this.cut = true;
      return;
    }
    this.text += s;
  }

  /** The dialogue so far. */
  toString(): string {
    return this.text;
  }
}
