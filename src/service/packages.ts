// Problem packages on disk: <dataDir>/problems/<id>/<revision>/, unpacked from an upload under caps, checked, then moved into place.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type ArchiveFormat, unpack, type UnpackCaps } from '../archive/unpack.js';
import { AirlockError } from '../errors.js';
import { type Problem, validateProblem } from '../judge/index.js';

/** A package unpacked and validated, waiting in the incoming area to be kept or dropped. */
export interface Incoming {
  problem: Problem;
  warnings: string[];
  /** Bytes it unpacked to: what it keeps on disk, counted against its key's storage quota. */
  bytes: number;
  /** The archive's single top-level directory, when the package sat in one ("aplusb/problem.json"). */
  topName: string | undefined;
  /** Move it to its place (relative to the data directory); the incoming area is removed. */
  keep(rel: string): Promise<string>;
  drop(): Promise<void>;
}

/** The package files of every problem, under the data directory. */
export class PackageFiles {
  private readonly root: string;
  private readonly incoming: string;

  constructor(
    private readonly dataDir: string,
    private readonly caps: UnpackCaps,
  ) {
    this.root = join(dataDir, 'problems');
    this.incoming = join(this.root, '.incoming');
  }

  /** Absolute path of a stored package directory. */
  path(rel: string): string {
    return join(this.dataDir, rel);
  }

  /** Where revision `revision` of problem `id` lives, relative to the data directory. */
  place(id: string, revision: number): string {
    return relative(this.dataDir, join(this.root, id, String(revision)));
  }

  /** Unpack an archive into a private directory and validate the package; a package with errors is refused with all of them. */
  async receive(archive: Buffer, format: ArchiveFormat): Promise<Incoming> {
    await mkdir(this.incoming, { recursive: true, mode: 0o700 });
    const dir = join(this.incoming, randomUUID());
    await mkdir(dir, { mode: 0o700 });
    const drop = () => rm(dir, { recursive: true, force: true });
    try {
      const { bytes } = await unpack(archive, format, dir, this.caps);
      const top = await singleTopDir(dir);
      const pkg = top ? join(dir, top) : dir;
      const v = await validateProblem(pkg);
      // Paths in messages are relative to the package; the server's own directories are nobody's business.
      const clean = (s: string) => s.replaceAll(`${pkg}/`, '').replaceAll(pkg, '.');
      if (!v.problem) {
        const errors = v.issues.errors.map((e) => ({ file: clean(e.file), field: e.field, message: clean(e.message) }));
        throw new AirlockError('AIRLOCK_ERR_BAD_PROBLEM', v.errors.map(clean).join('; ') || 'unreadable package', { details: { errors } });
      }
      return {
        problem: v.problem,
        warnings: v.warnings.map(clean),
        bytes,
        topName: top,
        keep: async (rel) => {
          const dest = this.path(rel);
          await mkdir(join(dest, '..'), { recursive: true, mode: 0o700 });
          await rename(pkg, dest);
          await drop();
          return dest;
        },
        drop,
      };
    } catch (e) {
      await drop();
      throw e;
    }
  }

  /** Remove a stored package directory (and its problem's directory once empty). */
  async remove(rel: string): Promise<void> {
    const dir = this.path(rel);
    await rm(dir, { recursive: true, force: true });
    await rmdir(join(dir, '..')).catch(() => {}); // only once empty
  }

  /** After a start: drop what a crash left (half-received uploads, packages no problem names). */
  async sweep(keep: string[]): Promise<number> {
    await rm(this.incoming, { recursive: true, force: true });
    if (!existsSync(this.root)) return 0;
    const wanted = new Set(keep.map((rel) => this.path(rel)));
    let removed = 0;
    for (const id of await readdir(this.root)) {
      const problemDir = join(this.root, id);
      if (!(await stat(problemDir)).isDirectory()) continue;
      for (const rev of await readdir(problemDir)) {
        if (wanted.has(join(problemDir, rev))) continue;
        await rm(join(problemDir, rev), { recursive: true, force: true });
        removed++;
      }
      if ((await readdir(problemDir)).length === 0) await rm(problemDir, { recursive: true, force: true });
    }
    return removed;
  }
}

/** The name of the only entry of `dir` when it is a directory holding a package file, else undefined. */
async function singleTopDir(dir: string): Promise<string | undefined> {
  if (existsSync(join(dir, 'problem.json')) || existsSync(join(dir, 'problem.xml'))) return undefined;
  // Archivers add their own litter next to the package: macOS's __MACOSX/, dot files.
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.name !== '__MACOSX' && !e.name.startsWith('.'));
  const only = entries.length === 1 ? entries[0]! : undefined;
  return only?.isDirectory() ? only.name : undefined;
}
