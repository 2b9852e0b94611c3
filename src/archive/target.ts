// Writing unpacked entries into a fresh directory, and nowhere else.
import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { AirlockError } from '../errors.js';
import type { UnpackCaps } from './caps.js';

/** Entry content: one buffer, or chunks as a decompressor yields them. */
export type Content = Buffer | AsyncIterable<Buffer>;

/**
 * The directory an archive unpacks into. Everything under it is created here, by this object: directories
 * with mkdir, files with O_CREAT|O_EXCL|O_NOFOLLOW. No link is ever created, so no path under the root can
 * lead outside it (threat: an entry that plants a symlink and a later entry that writes through it).
 */
export class UnpackTarget {
  private readonly dirs = new Set<string>(['']);
  private readonly files = new Set<string>();
  private bytes = 0;

  constructor(
    readonly root: string,
    private readonly caps: UnpackCaps,
  ) {}

  /** Bytes and entries written so far. */
  get written(): { bytes: number; entries: number } {
    return { bytes: this.bytes, entries: this.dirs.size - 1 + this.files.size };
  }

  /** Create a directory (and its parents). */
  async dir(parts: string[]): Promise<void> {
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      if (this.dirs.has(rel)) continue;
      if (this.files.has(rel)) throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', `${rel} is both a file and a directory`);
      this.count();
      await mkdir(join(this.root, ...parts.slice(0, i)), { mode: 0o755 });
      this.dirs.add(rel);
    }
  }

  /** Create a regular file with its content; a second entry of the same name is refused. */
  async file(parts: string[], content: Content): Promise<void> {
    const rel = parts.join('/');
    if (this.files.has(rel) || this.dirs.has(rel)) throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', `${rel} appears twice`);
    await this.dir(parts.slice(0, -1));
    this.count();
    this.files.add(rel);
    // O_EXCL: never open something that exists; O_NOFOLLOW: never through a link, should one ever appear.
    const fh = await open(join(this.root, ...parts), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    try {
      for await (const chunk of Buffer.isBuffer(content) ? [content] : content) {
        this.bytes += chunk.length;
        if (this.bytes > this.caps.maxBytes) throw tooLarge(this.caps.maxBytes);
        await fh.write(chunk);
      }
    } finally {
      await fh.close();
    }
  }

  /** Refuse an entry whose declared size cannot fit, before decompressing it. */
  reserve(size: number): void {
    if (this.bytes + size > this.caps.maxBytes) throw tooLarge(this.caps.maxBytes);
  }

  private count(): void {
    if (this.dirs.size - 1 + this.files.size + 1 > this.caps.maxFiles) {
      throw new AirlockError('AIRLOCK_ERR_ARCHIVE_TOO_LARGE', `more than ${this.caps.maxFiles} files and directories`);
    }
  }
}

/** The unpacked-size cap's error. */
export function tooLarge(max: number): AirlockError {
  return new AirlockError('AIRLOCK_ERR_ARCHIVE_TOO_LARGE', `more than ${max} bytes unpacked`);
}
