// A byte budget for the run output that HTTP answers hold while they are being made and written.
import { AsyncLocalStorage } from 'node:async_hooks';
import { reclaim } from './reclaim.js';

/** Answers with less output than this never wait: the budget is for the big ones. */
const SMALL = 1024 * 1024;

/** One request's share of the budget; released once, when its answer is written or abandoned. */
interface Scope {
  open: boolean;
  held: number;
  timer?: NodeJS.Timeout;
}

/**
 * Threat: an answer with 16 MiB of output passes through several copies (the output as text, the JSON of the answer,
 * the socket's buffer) before it is written, so four clients fetching big results at once took the service from 100
 * to over 450 MiB. Each request that is about to materialise a big result first takes its size from this budget and
 * gives it back when the answer has been written (or the client left, or `maxHoldMs` passed: a client that reads
 * slowly must not hold everyone else's answers). A request that already holds a share never waits again, so a batch
 * answer cannot wait for itself. Requests outside HTTP (WebSocket sessions, the queue) are not counted here.
 */
export class AnswerMemory {
  private used = 0;
  private readonly waiting: Array<{ bytes: number; go: () => void }> = [];
  private readonly scopes = new AsyncLocalStorage<Scope>();

  constructor(
    private readonly capacity: number,
    private readonly maxHoldMs = 10_000,
  ) {}

  /** Run the rest of one HTTP request (`next`) in its own scope, released when `raw` closes. */
  enter(raw: NodeJS.EventEmitter, next: () => void): void {
    const scope: Scope = { open: true, held: 0 };
    raw.once('close', () => this.release(scope));
    this.scopes.run(scope, next);
  }

  /** Before the current request makes an answer that holds `bytes` of output: wait for room in the budget. */
  async hold(bytes: number): Promise<void> {
    const scope = this.scopes.getStore();
    if (!scope?.open || bytes < SMALL) return;
    const share = Math.min(bytes, this.capacity);
    if (scope.held === 0) await this.admit(share);
    else this.used += share;
    scope.held += share;
    if (!scope.open) return this.release(scope, true);
    scope.timer ??= setTimeout(() => this.release(scope), this.maxHoldMs).unref();
  }

  /**
   * Outside a request (a finished run being recorded by the queue's handler): wait for room for `bytes`, and get the
   * function that gives it back. With many slots, many big results were being turned into text and stored at once.
   */
  async reserve(bytes: number): Promise<() => void> {
    if (bytes < SMALL) return () => {};
    const share = Math.min(bytes, this.capacity);
    await this.admit(share);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.used -= share;
      reclaim(share);
      this.drain();
    };
  }

  /** Bytes held by answers now (for metrics and tests). */
  get inUse(): number {
    return this.used;
  }

  /** Answers waiting for room. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Take `share` now if it fits and nobody is in line before it, else wait for a turn. */
  private async admit(share: number): Promise<void> {
    if (this.waiting.length === 0 && this.used + share <= this.capacity) {
      this.used += share;
      return;
    }
    await new Promise<void>((go) => this.waiting.push({ bytes: share, go }));
  }

  private release(scope: Scope, late = false): void {
    if (!scope.open && !late) return;
    scope.open = false;
    clearTimeout(scope.timer);
    this.used -= scope.held;
    reclaim(scope.held);
    scope.held = 0;
    this.drain();
  }

  /** First come, first served: the head of the line goes when its share fits (a share never exceeds the capacity). */
  private drain(): void {
    while (this.waiting.length > 0 && this.used + this.waiting[0]!.bytes <= this.capacity) {
      const next = this.waiting.shift()!;
      this.used += next.bytes;
      next.go();
    }
  }
}

/** Characters of output a run's result holds (stdout and stderr of the run and of its compile). */
export function outputSize(result: { stdout?: string; stderr?: string; compile?: { stdout?: string; stderr?: string } | null } | null): number {
  if (!result) return 0;
  const c = result.compile;
  return (result.stdout?.length ?? 0) + (result.stderr?.length ?? 0) + (c?.stdout?.length ?? 0) + (c?.stderr?.length ?? 0);
}
