// Leases on compile-cache entries that every process sharing the directory can see: a file
// `leases/<key>.<owner>` for as long as a program built from the entry may still be copied into a box.
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isStale, ownedName } from './cache-owner.js';

/** The lease files of one cache directory. */
export class Leases {
  private readonly dir: string;
  private made: Promise<void> | undefined;

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'leases');
  }

  /** Take a lease on `key`; the returned function gives it back (idempotent, never throws). */
  async take(key: string): Promise<() => void> {
    this.made ??= mkdir(this.dir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    await this.made;
    const path = join(this.dir, ownedName(`${key}.`));
    await writeFile(path, '', { flag: 'wx', mode: 0o600 });
    let given = false;
    return () => {
      if (given) return;
      given = true;
      rm(path, { force: true }).catch(() => {});
    };
  }

  /** Whether some live process (this one included) holds a lease on `key`. */
  async held(key: string): Promise<boolean> {
    for (const name of await this.names()) {
      if (!name.startsWith(`${key}.`)) continue;
      const t = await mtime(join(this.dir, name));
      if (t !== undefined && !isStale(name, `${key}.`, t)) return true;
    }
    return false;
  }

  /** Remove the leases of processes that died without giving them back. */
  async sweep(): Promise<void> {
    for (const name of await this.names()) {
      const key = name.slice(0, name.indexOf('.') + 1);
      const path = join(this.dir, name);
      const t = await mtime(path);
      if (key && t !== undefined && isStale(name, key, t)) await rm(path, { force: true });
    }
  }

  private async names(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }
}

/** A file's mtime, or undefined when it is already gone (given back meanwhile). */
async function mtime(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}
