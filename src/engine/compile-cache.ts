// The compile cache: successful compiles kept on disk by content hash, LRU-evicted under a size cap.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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
  /** Lets eviction remove the entry again; call once the run box has copied the artifacts in. */
  release(): void;
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

/** One cache per directory and process; identical concurrent compiles share one compiler run. */
export class CompileCache<R extends { ok: boolean }> {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<{ result: R; stored: boolean }>>();
  /** Callers waiting on an in-flight compile: the stored entry starts pinned once for each. */
  private readonly joiners = new Map<string, number>();
  private loaded: Promise<void> | undefined;
  private total = 0;
  private lastTick = 0;
  private readonly counters = { hits: 0, misses: 0, coalesced: 0, stores: 0, evictions: 0 };

  /** `dir` must be private to the service (0700, root): only compile boxes write into it, through copy-out. */
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

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
      return this.lease(key, e, hit.result, true);
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
    return this.lease(key, e, result, waited);
  }

  /** A handle on a pinned entry: eviction skips it until released. */
  private lease(key: string, e: Entry, result: R, cached: boolean): Obtained<R> {
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
      },
    };
  }

  /** A stored entry, or undefined; an entry another process evicted is forgotten. */
  private async lookup(key: string): Promise<CachedCompile<R> | undefined> {
    if (!this.entries.has(key)) return undefined;
    try {
      const result = JSON.parse(await readFile(join(this.dir, key, META), 'utf8')) as R;
      const now = new Date();
      // The meta file's mtime is the LRU clock across restarts; a failure to touch it only costs accuracy.
      await utimes(join(this.dir, key, META), now, now).catch(() => {});
      return { dir: join(this.dir, key, ARTIFACTS), result };
    } catch {
      this.forget(key);
      return undefined;
    }
  }

  private async compileAndStore(key: string, compile: (outDir: string) => Promise<R>): Promise<{ result: R; stored: boolean }> {
    // A private scratch name, renamed into place only when complete: readers never see half an entry.
    const scratch = join(this.dir, `tmp-${randomBytes(8).toString('hex')}`);
    await mkdir(join(scratch, ARTIFACTS), { recursive: true, mode: 0o700 });
    try {
      const result = await compile(join(scratch, ARTIFACTS));
      if (!result.ok) return { result, stored: false };
      await writeFile(join(scratch, META), JSON.stringify(result), { mode: 0o600 });
      const bytes = await treeBytes(scratch);
      try {
        await rename(scratch, join(this.dir, key));
      } catch {
        // Another process stored the same key first: theirs is as good as ours.
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
      return { result, stored: true };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** Remove least-recently-used entries until under the cap; pinned entries and `keep` stay. */
  private async evict(keep: string): Promise<void> {
    const victims = [...this.entries].filter(([k, e]) => k !== keep && e.pins === 0).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [key] of victims) {
      if (this.total <= this.maxBytes) break;
      this.forget(key);
      this.counters.evictions++;
      await rm(join(this.dir, key), { recursive: true, force: true });
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

  /** Read what earlier processes stored; drop scratch directories a crash left. */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      for (const name of await readdir(this.dir)) {
        const path = join(this.dir, name);
        if (name.startsWith('tmp-')) {
          await rm(path, { recursive: true, force: true });
          continue;
        }
        if (!KEY.test(name)) continue;
        try {
          const st = await stat(join(path, META));
          const bytes = await treeBytes(path);
          this.entries.set(name, { bytes, lastUsed: st.mtimeMs, pins: 0 });
          this.total += bytes;
        } catch {
          await rm(path, { recursive: true, force: true });
        }
      }
    })();
    return this.loaded;
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
