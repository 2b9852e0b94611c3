// Jobe's file cache: files PUT by id (base64), referred to by a run's file_list. Kept in the data directory.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Jobe's ids: letters and digits (its route is "(:alphanum)"). */
export const FILE_ID = /^[A-Za-z0-9]{1,128}$/;

/** A directory of cached files with a cap on each file and on their number. */
export class FileCache {
  constructor(private readonly dir: string, private readonly maxBytes: number, private readonly maxFiles = 10_000) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Store a file (replacing one with the same id); false when it is too large or the cache is full. */
  async put(id: string, content: Buffer): Promise<'ok' | 'too-large' | 'full'> {
    if (content.length > this.maxBytes) return 'too-large';
    if (!(await this.has(id)) && (await readdir(this.dir)).length >= this.maxFiles) return 'full';
    // Write then rename: a reader never sees half a file.
    const tmp = join(this.dir, `.${id}.${randomBytes(6).toString('hex')}`);
    await writeFile(tmp, content, { mode: 0o600 });
    await rename(tmp, join(this.dir, id));
    return 'ok';
  }

  /** Whether the id is cached. */
  async has(id: string): Promise<boolean> {
    return FILE_ID.test(id) && (await stat(join(this.dir, id)).then((s) => s.isFile(), () => false));
  }

  /** A cached file's bytes, or undefined. */
  async get(id: string): Promise<Buffer | undefined> {
    if (!FILE_ID.test(id)) return undefined;
    return readFile(join(this.dir, id)).catch(() => undefined);
  }
}
