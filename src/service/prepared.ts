// Prepared problems (checkers and interactors compiled, tests generated) kept per problem revision, shared by the
// submissions judged against it, and disposed of when the revision is replaced or deleted (or falls out of the cache).
import type { Engine } from '../engine/execute.js';
import { AirlockError, isAirlockError } from '../errors.js';
import { loadProblem, type PreparedLease, type PreparedProblem, type Problem, prepareProblem } from '../judge/index.js';

interface Entry {
  problem: Promise<Problem>;
  prepared?: Promise<PreparedProblem>;
  leases: number;
  /** Retired (replaced or deleted): disposed of, and `after` run, when the last lease is returned. */
  retired: boolean;
  after?: () => Promise<void>;
  used: number;
}

/** The cache; keys are "<problem id>@<revision>". */
export class PreparedProblems {
  private readonly entries = new Map<string, Entry>();
  private readonly stop = new AbortController();

  /** `adjust` applies the server's rules to a package as it is read (the output ceiling). */
  constructor(
    private readonly engine: Engine,
    private readonly capacity: number,
    private readonly adjust: (p: Problem) => Problem = (p) => p,
  ) {}

  /** The problem read from its package directory (once per revision). */
  problem(key: string, dir: string): Promise<Problem> {
    return this.entry(key, dir).problem;
  }

  /** Lease the prepared problem; the first lease prepares it. A broken package throws AIRLOCK_ERR_BAD_PROBLEM (every time, without trying again). */
  async lease(key: string, dir: string, signal?: AbortSignal): Promise<PreparedLease> {
    const e = this.entry(key, dir);
    e.leases++;
    e.used = Date.now();
    try {
      // Not the submission's signal: other submissions may be waiting for the same preparation.
      e.prepared ??= e.problem.then((p) => prepareProblem(this.engine, p, this.stop.signal));
      const prepared = await abortable(e.prepared, signal);
      let released = false;
      return { prepared, release: () => (released ? undefined : ((released = true), this.release(key, e))) };
    } catch (err) {
      // A broken package stays broken; anything else (cancelled, no slot, sandbox trouble) is tried again next time.
      const broken = isAirlockError(err, 'AIRLOCK_ERR_BAD_PROBLEM');
      if (!broken && !signal?.aborted && this.entries.get(key) === e) delete e.prepared;
      await this.release(key, e);
      throw err;
    }
  }

  /** Forget a revision: disposed of now if unused, else when its last lease comes back; then `after` runs (remove its files). */
  async retire(key: string, after: () => Promise<void>): Promise<void> {
    const e = this.entries.get(key);
    if (!e) return after();
    this.entries.delete(key);
    e.retired = true;
    e.after = after;
    if (e.leases === 0) await this.dispose(e);
  }

  /** Shut down: stop preparations in flight and dispose of every idle entry. */
  async close(): Promise<void> {
    this.stop.abort();
    const idle = [...this.entries.values()].filter((e) => e.leases === 0);
    this.entries.clear();
    await Promise.all(idle.map((e) => this.dispose(e)));
  }

  private entry(key: string, dir: string): Entry {
    let e = this.entries.get(key);
    if (!e) {
      e = { problem: loadProblem(dir).then(this.adjust), leases: 0, retired: false, used: Date.now() };
      e.problem.catch(() => {}); // read by whoever asks; an unhandled rejection would stop the process
      this.entries.set(key, e);
    }
    return e;
  }

  private async release(key: string, e: Entry): Promise<void> {
    e.leases--;
    if (e.retired && e.leases === 0) return this.dispose(e);
    await this.evict(key);
  }

  /** Keep at most `capacity` revisions prepared: the least recently used idle ones go. */
  private async evict(keep: string): Promise<void> {
    const idle = [...this.entries].filter(([k, e]) => k !== keep && e.leases === 0).sort((a, b) => a[1].used - b[1].used);
    while (this.entries.size > this.capacity && idle.length) {
      const [k, e] = idle.shift()!;
      this.entries.delete(k);
      await this.dispose(e);
    }
  }

  private async dispose(e: Entry): Promise<void> {
    const prepared = await e.prepared?.catch(() => undefined);
    await prepared?.dispose();
    await e.after?.();
  }
}

/** Wait for a shared preparation, but give up (AIRLOCK_ERR_CANCELLED) when this caller is cancelled or stopped. */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new AirlockError('AIRLOCK_ERR_CANCELLED'));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new AirlockError('AIRLOCK_ERR_CANCELLED'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
