// The daemon's frames read from a byte stream piece by piece: a frame's payload is never gathered into one buffer.

/** Called with each piece of a frame's payload as it arrives; `last` on the piece that ends the frame. */
export type OnPiece = (type: string, piece: Buffer, last: boolean) => void;

/**
 * A frame is a type byte, a little-endian u32 length and the payload (docs/launcher-protocol.md). Gathering the bytes
 * of a partial frame with Buffer.concat copied most of a run's output once more (16 MiB of garbage per big run);
 * here only the 5-byte header is copied, and payload pieces are handed on as views of the socket's own chunks.
 */
export class FrameReader {
  private readonly header = Buffer.alloc(5);
  private have = 0;
  private type = '';
  private left = 0;

  constructor(private readonly onPiece: OnPiece) {}

  /** Feed the next chunk from the socket. */
  push(data: Buffer): void {
    let at = 0;
    while (at < data.length) {
      if (this.left === 0) {
        const n = Math.min(5 - this.have, data.length - at);
        data.copy(this.header, this.have, at, at + n);
        this.have += n;
        at += n;
        if (this.have < 5) return;
        this.type = String.fromCharCode(this.header[0]!);
        this.left = this.header.readUInt32LE(1);
        this.have = 0;
        if (this.left === 0) this.onPiece(this.type, Buffer.alloc(0), true);
        continue;
      }
      const n = Math.min(this.left, data.length - at);
      this.left -= n;
      this.onPiece(this.type, data.subarray(at, at + n), this.left === 0);
      at += n;
    }
  }
}
