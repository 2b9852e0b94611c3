// The compile cache: successful compiles kept on disk by content hash, LRU-evicted under a size cap.
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Leases } from './cache-leases.js';
import { isStale, ownedName } from './cache-owner.js';
import { ensurePrivateDir } from './private-dir.js';

/** What a compile left: its artifacts (all of /box after the compile) and the compiler's output. */
export interface CachedCompile<R> {
  /** Directory with the artifacts; read it (copy-in), never write it. */
  dir: string;
  /** The compile's result as stored (a JSON-safe record). */
  result: R;
}

/** The outcome of `obtain`: a fresh or cached compile, and a lease to give back once the artifacts are copied. */
export interface Obtained<R> {
  result: R;
  /** The artifacts, when the compile succeeded. */
  dir?: string;
  /** True when this caller did not run the compiler (a hit, or it waited for an identical compile). */
  cached: boolean;
  /** Lets eviction (by any process) remove the entry again; call once the run boxes have copied the artifacts in. */
  release: () => void;
}

/** Counters that make the cache observable (tests, /metrics). */
export interface CacheStats {
  hits: number;
  misses: number;
  coalesced: number;
  stores: number;
  evictions: number;
  entries: number;
  bytes: number;
}

interface Entry {
  bytes: number;
  lastUsed: number;
  pins: number;
}

const META = 'meta.json';
const ARTIFACTS = 'out';
const KEY = /^[0-9a-f]{64}$/;

/** A stable key: SHA-256 over the canonical JSON of everything that shapes a compile's output. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** How often a long-lived process looks again for what crashed processes left behind. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * One cache per directory and process; identical concurrent compiles share one compiler run.
 * Several processes (CLI commands, workers, services on one host) may share the directory:
 * an entry appears whole by rename (the first writer wins, the others drop theirs), a scratch
 * directory is removed by another process only once its owner is dead, and an entry in use by
 * any process carries a lease file (cache-leases.ts) that eviction respects.
 */
export class CompileCache<R extends { ok: boolean }> {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<{ result: R; stored: boolean }>>();
  /** Callers waiting on an in-flight compile: the stored entry starts pinned once for each. */
  private readonly joiners = new Map<string, number>();
  private readonly leases: Leases;
  private loaded: Promise<void> | undefined;
  private total = 0;
  private lastTick = 0;
  private lastSweep = 0;
  private readonly counters = { hits: 0, misses: 0, coalesced: 0, stores: 0, evictions: 0 };

  /** `dir` must be private to the service (0700, ours): only compile boxes write into it, through copy-out. */
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    this.leases = new Leases(dir);
  }

  /** Current counters. */
  stats(): CacheStats {
    return { ...this.counters, entries: this.entries.size, bytes: this.total };
  }

  /**
   * The compile for `key`: from disk, from an identical compile in flight, or by running
   * `compile(outDir)`, which must write the artifacts into the empty `outDir` and say
   * whether it succeeded (only successes are kept: a failure may be a limit, not the source).
   */
  async obtain(key: string, compile: (outDir: string) => Promise<R>): Promise<Obtained<R>> {
    if (!KEY.test(key)) throw new Error(`bad cache key ${key}`);
    await this.load();
    const hit = await this.lookup(key);
    if (hit) {
      this.counters.hits++;
      const e = this.entries.get(key)!;
      e.pins++;
      return this.lease(key, e, hit.result, true, hit.giveBack);
    }
    let flight = this.inflight.get(key);
    const waited = flight !== undefined;
    this.joiners.set(key, (this.joiners.get(key) ?? 0) + 1);
    if (flight) this.counters.coalesced++;
    else {
      this.counters.misses++;
      flight = this.compileAndStore(key, compile).finally(() => {
        this.inflight.delete(key);
        this.joiners.delete(key);
      });
      this.inflight.set(key, flight);
    }
    const { result, stored } = await flight;
    const e = this.entries.get(key);
    if (!stored || !e) return { result, cached: waited, release: () => {} };
    // Seen by the other processes before the artifacts are used; only then is the entry's presence trusted.
    const giveBack = await this.leases.take(key);
    if (!(await this.present(key))) {
      giveBack();
      e.pins--;
      throw new Error(`compile cache entry ${key} vanished before use`);
    }
    return this.lease(key, e, result, waited, giveBack);
  }

  /** A handle on a pinned entry: eviction (in any process) skips it until released. */
  private lease(key: string, e: Entry, result: R, cached: boolean, giveBack: () => void): Obtained<R> {
    e.lastUsed = this.tick();
    let released = false;
    return {
      result,
      dir: join(this.dir, key, ARTIFACTS),
      cached,
      release: () => {
        if (released) return;
        released = true;
        e.pins--;
        giveBack();
      },
    };
  }

  /**
   * A stored entry, leased, or undefined. The lease comes first, then the check that the entry is
   * there: an evicting process checks leases after taking the entry away, so one of us sees the other.
   * An entry another process stored is adopted; one another process evicted is forgotten.
   */
  private async lookup(key: string): Promise<{ result: R; giveBack: () => void } | undefined> {
    const giveBack = await this.leases.take(key);
    let result: R;
    try {
      result = JSON.parse(await readFile(join(this.dir, key, META), 'utf8')) as R;
    } catch {
      giveBack();
      this.forget(key);
      return undefined;
    }
    const now = new Date();
    // The meta file's mtime is the LRU clock across processes and restarts; a failure to touch it only costs accuracy.
    await utimes(join(this.dir, key, META), now, now).catch(() => {});
    if (!this.entries.has(key)) {
      const bytes = await treeBytes(join(this.dir, key)).catch(() => 0);
      this.entries.set(key, { bytes, lastUsed: this.tick(), pins: 0 });
      this.total += bytes;
    }
    return { result, giveBack };
  }

  private async present(key: string): Promise<boolean> {
    return stat(join(this.dir, key, META)).then(
      () => true,
      () => false,
    );
  }

  private async compileAndStore(key: string, compile: (outDir: string) => Promise<R>): Promise<{ result: R; stored: boolean }> {
    // A scratch name that says whose it is (cache-owner.ts), renamed into place only when complete:
    // readers never see half an entry, and no other process removes it while we live.
    const scratch = join(this.dir, ownedName('tmp-'));
    await mkdir(join(scratch, ARTIFACTS), { recursive: true, mode: 0o700 });
    try {
      const result = await compile(join(scratch, ARTIFACTS));
      if (!result.ok) return { result, stored: false };
      await writeFile(join(scratch, META), JSON.stringify(result), { mode: 0o600 });
      const bytes = await treeBytes(scratch);
      try {
        await rename(scratch, join(this.dir, key));
      } catch (e) {
        // Another process stored the same key first: theirs is as good as ours, which `finally` drops.
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
      }
      const pins = this.joiners.get(key) ?? 1;
      const known = this.entries.get(key);
      if (known) known.pins += pins;
      else {
        this.entries.set(key, { bytes, lastUsed: this.tick(), pins });
        this.total += bytes;
      }
      this.counters.stores++;
      await this.evict(key);
      if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) await this.sweep();
      return { result, stored: true };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** Remove least-recently-used entries until under the cap; entries leased by any process, and `keep`, stay. */
  private async evict(keep: string): Promise<void> {
    const victims = [...this.entries].filter(([k, e]) => k !== keep && e.pins === 0).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [key, e] of victims) {
      if (this.total <= this.maxBytes) break;
      if (await this.leases.held(key)) continue;
      const used = await stat(join(this.dir, key, META)).catch(() => undefined);
      if (!used) {
        this.forget(key);
        continue;
      }
      // Another process used it since we last did: it is not least recent after all.
      if (used.mtimeMs > e.lastUsed + 1000) {
        e.lastUsed = used.mtimeMs;
        continue;
      }
      // Taken away in one step, then checked again: a reader that leased it meanwhile gets it back.
      const trash = join(this.dir, ownedName('tmp-'));
      try {
        await rename(join(this.dir, key), trash);
      } catch {
        this.forget(key);
        continue;
      }
      if (await this.leases.held(key)) {
        await rename(trash, join(this.dir, key)).catch(() => {});
        await rm(trash, { recursive: true, force: true });
        continue;
      }
      this.forget(key);
      this.counters.evictions++;
      await rm(trash, { recursive: true, force: true });
    }
  }

  /** Wall-clock milliseconds, strictly increasing: uses within one millisecond keep their order. */
  private tick(): number {
    this.lastTick = Math.max(Date.now(), this.lastTick + 0.001);
    return this.lastTick;
  }

  private forget(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.total -= e.bytes;
    this.entries.delete(key);
  }

  /** Check the directory is ours alone, read what earlier processes stored, drop what dead ones left. */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      await mkdir(dirname(this.dir), { recursive: true, mode: 0o700 });
      ensurePrivateDir(this.dir);
      for (const name of await readdir(this.dir)) {
        if (!KEY.test(name)) continue;
        const path = join(this.dir, name);
        try {
          const st = await stat(join(path, META));
          const bytes = await treeBytes(path);
          this.entries.set(name, { bytes, lastUsed: st.mtimeMs, pins: 0 });
          this.total += bytes;
        } catch {
          // Entries appear whole by rename; one without its meta file is an older version's half-removed one.
          await rm(path, { recursive: true, force: true });
        }
      }
      await this.sweep();
    })();
    return this.loaded;
  }

  /**
   * Remove scratch directories and leases whose owner is gone (cache-owner.ts). Threat: a sweep
   * that removed every `tmp-*` deleted other processes' compiles in progress, which then ended as IE.
   */
  private async sweep(): Promise<void> {
    this.lastSweep = Date.now();
    for (const name of await readdir(this.dir)) {
      if (!name.startsWith('tmp-')) continue;
      const path = join(this.dir, name);
      const st = await lstat(path).catch(() => undefined);
      if (st && isStale(name, 'tmp-', st.mtimeMs)) await rm(path, { recursive: true, force: true });
    }
    await this.leases.sweep();
  }
}

/** Bytes of the regular files under a directory (the cache's own tree: no links are made in it). */
async function treeBytes(dir: string): Promise<number> {
  let sum = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) sum += await treeBytes(path);
    else if (e.isFile()) sum += (await stat(path)).size;
  }
  return sum;
}
