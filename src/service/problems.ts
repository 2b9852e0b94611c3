// Problems end to end: upload (unpack under caps, validate, store), replace, list, read, delete; who may see what.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { ArchiveFormat } from '../archive/unpack.js';
import type { Config } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import type { ProblemRecord, ProblemStore } from '../store/problem-types.js';
import type { PackageFiles } from './packages.js';
import type { PreparedProblems } from './prepared.js';
import type { StorageQuota } from './storage-quota.js';
import { checkCeilings, withOutputCeiling } from './problem-limits.js';
import { summarize, type MaxLimits } from './problem-summary.js';
import type { Principal } from '../auth/types.js';

/** What an upload says besides its archive. */
export interface UploadOptions {
  /** Short name; default: the archive's top directory, else made from the title. */
  name?: string;
  /** Open to every caller, not only the uploader's key. */
  public?: boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Problems in the store, their packages on disk, and their prepared forms in the cache. */
export class ProblemService {
  /** Packages being fetched from the store to this node's disk, by directory: one fetch each. */
  private readonly fetching = new Map<string, Promise<void>>();

  /** `shared`: a cluster's nodes keep packages on their own disks; the archive in the store is what they share. */
  constructor(
    private readonly deps: {
      config: Readonly<Config>;
      problems: ProblemStore;
      files: PackageFiles;
      prepared: PreparedProblems;
      log: Logger;
      storage: StorageQuota;
      shared?: boolean;
    },
  ) {}

  /** Store a new problem from an archive; a package with mistakes is refused with every one of them. */
  async upload(archive: Buffer, format: ArchiveFormat, opts: UploadOptions, who: Principal): Promise<ProblemRecord> {
    const id = randomUUID();
    // A key at its quota is refused before its archive is unpacked; the exact size is checked once it is (receive).
    await this.deps.storage.check(who, 0, 'problem');
    const { record, dir } = await this.receive(archive, format, opts, who, id, 1, 0);
    try {
      await this.deps.problems.createProblem({ ...record, id, keyId: who.keyId, public: opts.public ?? false, createdAt: record.updatedAt });
    } catch (e) {
      await this.deps.files.remove(dir);
      throw e;
    }
    this.deps.log.info({ problemId: id, name: record.name, key: who.keyId }, 'problem stored');
    return (await this.deps.problems.getProblem(id))!;
  }

  /** Replace a problem's package with a new revision; the old one's prepared form and files go once unused. */
  async replace(id: string, archive: Buffer, format: ArchiveFormat, opts: UploadOptions, who: Principal): Promise<ProblemRecord> {
    const old = await this.owned(id, who);
    // The old revision's package and summary go: only growth counts (its archive stays, as every revision's), so a
    // key at its quota may still replace a package with a smaller one.
    const freed = old.packageBytes + Buffer.byteLength(JSON.stringify(old.summary));
    const { record, dir } = await this.receive(archive, format, { name: old.name, ...opts }, who, id, old.revision + 1, freed);
    if (!(await this.deps.problems.updateProblem(id, record))) {
      await this.deps.files.remove(dir);
      throw new AirlockError('AIRLOCK_ERR_PROBLEM_NOT_FOUND', id);
    }
    await this.deps.prepared.retire(key(old), () => this.deps.files.remove(old.dir));
    this.deps.log.info({ problemId: id, revision: record.revision, key: who.keyId }, 'problem replaced');
    return (await this.deps.problems.getProblem(id))!;
  }

  /** The problems a caller may see. */
  list(who: Principal): Promise<ProblemRecord[]> {
    return this.deps.problems.listProblems(who.keyId);
  }

  /** A problem the caller may see (its own or a public one); others are "not found". */
  async get(id: string, who: Principal): Promise<ProblemRecord> {
    const p = await this.deps.problems.getProblem(id);
    if (!p || (p.keyId !== who.keyId && !p.public)) throw new AirlockError('AIRLOCK_ERR_PROBLEM_NOT_FOUND', id);
    return p;
  }

  /** Delete a problem (its owner only); its files go once no judgement uses them. */
  async delete(id: string, who: Principal): Promise<void> {
    const p = await this.owned(id, who);
    if (!(await this.deps.problems.deleteProblem(id))) throw new AirlockError('AIRLOCK_ERR_PROBLEM_NOT_FOUND', id);
    await this.deps.prepared.retire(key(p), () => this.deps.files.remove(p.dir));
    this.deps.log.info({ problemId: id, key: who.keyId }, 'problem deleted');
  }

  /** After a start: remove package directories that no problem names (a crash mid-upload or mid-delete). */
  async sweep(): Promise<void> {
    const removed = await this.deps.files.sweep(await this.deps.problems.problemDirs());
    if (removed) this.deps.log.info({ removed }, 'removed unreferenced problem packages');
  }

  /** The problem read from its package, for judging (cached per revision). */
  async loaded(p: ProblemRecord) {
    await this.local(p);
    return this.deps.prepared.problem(key(p), this.deps.files.path(p.dir));
  }

  /** A prepared form of the problem for one judgement. */
  async lease(p: ProblemRecord, signal?: AbortSignal) {
    await this.local(p);
    return this.deps.prepared.lease(key(p), this.deps.files.path(p.dir), signal);
  }

  /** In a cluster, a package uploaded through another node is unpacked here from its archive in the store, once. */
  private async local(p: ProblemRecord): Promise<void> {
    if (!this.deps.shared || existsSync(this.deps.files.path(p.dir))) return;
    let pending = this.fetching.get(p.dir);
    if (!pending) {
      pending = (async () => {
        const got = await this.deps.problems.packageArchive(p.id, p.revision);
        if (!got) throw new Error(`the archive of problem ${p.id} revision ${p.revision} is not in the store`);
        const incoming = await this.deps.files.receive(got.archive, got.format);
        await incoming.keep(p.dir);
        this.deps.log.info({ problemId: p.id, revision: p.revision }, 'problem package fetched from the store');
      })().finally(() => this.fetching.delete(p.dir));
      this.fetching.set(p.dir, pending);
    }
    await pending;
  }

  /** A problem the caller owns; a visible one it does not own is forbidden, an invisible one not found. */
  private async owned(id: string, who: Principal): Promise<ProblemRecord> {
    const p = await this.get(id, who);
    if (p.keyId !== who.keyId) throw new AirlockError('AIRLOCK_ERR_FORBIDDEN', `problem ${id} belongs to another key`);
    return p;
  }

  /** Unpack, validate, check the limits against the ceilings and the storage quota (net of `freed`), and move the package into place. */
  private async receive(archive: Buffer, format: ArchiveFormat, opts: UploadOptions, who: Principal, id: string, revision: number, freed: number) {
    if (opts.name !== undefined && !NAME.test(opts.name))
      throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', `name ${JSON.stringify(opts.name)}: 1-64 letters, digits and . _ - (not first)`);
    const incoming = await this.deps.files.receive(archive, format);
    try {
      const summary = summarize(withOutputCeiling(incoming.problem, this.deps.config.ceilings.output), incoming.warnings);
      this.checkCeilings(summary.maxLimits, who);
      const kept = incoming.bytes + Buffer.byteLength(JSON.stringify(summary)) + (this.deps.shared ? archive.length : 0);
      if (kept > freed) await this.deps.storage.check(who, kept - freed, 'problem');
      const name = opts.name ?? (incoming.topName && NAME.test(incoming.topName) ? incoming.topName : slug(incoming.problem.name));
      const dir = this.deps.files.place(id, revision);
      // Kept before it is named by a problem: other nodes fetch it from the store to judge it.
      if (this.deps.shared) await this.deps.problems.savePackageArchive(id, revision, format, archive, who.keyId);
      await incoming.keep(dir);
      const now = Date.now();
      return { dir, record: { name, title: incoming.problem.name, revision, dir, summary, packageBytes: incoming.bytes, updatedAt: now } };
    } catch (e) {
      await incoming.drop();
      throw e;
    }
  }

  /** A package whose tests ask for more than the server's (or the caller's key's) ceilings is refused at upload and at submission. */
  checkCeilings(max: MaxLimits, who: Principal): void {
    checkCeilings(max, this.deps.config.ceilings, who);
  }
}

/** The cache key of a problem revision. */
function key(p: Pick<ProblemRecord, 'id' | 'revision'>): string {
  return `${p.id}@${p.revision}`;
}

/** "A+B Problem" -> "a-b-problem". */
function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'problem'
  );
}
