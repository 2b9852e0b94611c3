// Jobe's file cache: files PUT by id (base64), referred to by a run's file_list. Kept in the data directory, one
// directory per principal (each API key, and the anonymous callers together).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Jobe's ids: letters and digits (its route is "(:alphanum)"). */
export const FILE_ID = /^[A-Za-z0-9]{1,128}$/;

/** Whose files: an API key's id, or null for the anonymous callers. */
export type FileOwner = string | null;

/** Key ids are [a-z0-9]{12} (src/auth/keys.ts); anything else never names a directory. */
const KEY_ID = /^[a-z0-9]{1,64}$/;

/**
 * Cached files with a cap on each file and on their number per owner.
 * Threat: one shared directory let key B read key A's file by naming its id in B's run, replace it so that A's next
 * run executes B's code, and learn through HEAD which ids exist; each owner now has a directory of its own, as every
 * other stored object is scoped to its key.
 */
export class FileCache {
  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
    private readonly maxFiles = 10_000,
  ) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    // Files of the old shared layout belong to nobody we can name: a Jobe client PUTs again after a 404.
    for (const e of readdirSync(root, { withFileTypes: true })) if (!e.isDirectory()) rmSync(join(root, e.name), { force: true });
  }

  /** The owner's directory ("anonymous" or "key-<id>"). */
  private dir(owner: FileOwner): string {
    if (owner !== null && !KEY_ID.test(owner)) throw new Error(`not a key id: ${JSON.stringify(owner)}`);
    return join(this.root, owner === null ? 'anonymous' : `key-${owner}`);
  }

  /** Store a file (replacing the owner's file with the same id); refused when it is too large or the owner's cache is full. */
  async put(owner: FileOwner, id: string, content: Buffer): Promise<'ok' | 'too-large' | 'full'> {
    if (content.length > this.maxBytes) return 'too-large';
    const dir = this.dir(owner);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (!(await this.has(owner, id)) && (await readdir(dir)).length >= this.maxFiles) return 'full';
    // Write then rename: a reader never sees half a file.
    const tmp = join(dir, `.${id}.${randomBytes(6).toString('hex')}`);
    await writeFile(tmp, content, { mode: 0o600 });
    await rename(tmp, join(dir, id));
    return 'ok';
  }

  /** Whether the owner has a file with this id. */
  async has(owner: FileOwner, id: string): Promise<boolean> {
    return (
      FILE_ID.test(id) &&
      (await stat(join(this.dir(owner), id)).then(
        (s) => s.isFile(),
        () => false,
      ))
    );
  }

  /** The owner's file's bytes, or undefined. */
  async get(owner: FileOwner, id: string): Promise<Buffer | undefined> {
    if (!FILE_ID.test(id)) return undefined;
    return readFile(join(this.dir(owner), id)).catch(() => undefined);
  }
}
