// The in-process queue: a fair waiting line in memory, `concurrency` jobs at a time (one per sandbox slot).
import { AirlockError } from '../errors.js';
import { FairQueue } from './fair.js';
import type { CancelOutcome, Job, JobHandler, JobQueue, QueueStats } from './types.js';

/** Bounded length: jobs past maxLength are refused with 429 instead of growing memory. */
export class InProcessQueue implements JobQueue {
  private readonly waiting = new FairQueue<Job>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private handler: JobHandler | undefined;
  private closed = false;
  /** Smoothed seconds per job, for Retry-After. */
  private avgSeconds = 1;

  constructor(readonly opts: { concurrency: number; maxLength: number }) {}

  async checkRoom(n: number): Promise<void> {
    if (this.closed) throw new AirlockError('AIRLOCK_ERR_SHUTTING_DOWN');
    if (this.waiting.size + n > this.opts.maxLength) {
      // Roughly when enough places free up: the line ahead divided among the slots, at the recent pace.
      const retryAfter = Math.min(60, Math.max(1, Math.ceil((this.avgSeconds * (this.waiting.size + 1)) / this.opts.concurrency)));
      throw new AirlockError('AIRLOCK_ERR_QUEUE_FULL', `${this.waiting.size} runs are waiting (at most ${this.opts.maxLength})`, { retryAfter });
    }
  }

  async add(jobs: Job[], opts: { force?: boolean } = {}): Promise<void> {
    if (!opts.force) await this.checkRoom(jobs.length);
    for (const job of jobs) this.waiting.push(job);
    this.pump();
  }

  async cancel(id: string): Promise<CancelOutcome> {
    if (this.waiting.remove(id)) return 'waiting';
    const r = this.running.get(id);
    if (!r) return 'unknown';
    r.controller.abort(new AirlockError('AIRLOCK_ERR_CANCELLED'));
    await r.done;
    return 'running';
  }

  start(handler: JobHandler): void {
    this.handler = handler;
    this.pump();
  }

  async stats(): Promise<QueueStats> {
    return { waiting: this.waiting.size, running: this.running.size, maxLength: this.opts.maxLength, concurrency: this.opts.concurrency };
  }

  async close(deadlineMs: number): Promise<string[]> {
    this.closed = true;
    const all = () => Promise.allSettled([...this.running.values()].map((r) => r.done));
    let timer: NodeJS.Timeout | undefined;
    const late = await Promise.race([all().then(() => false), new Promise<boolean>((res) => (timer = setTimeout(() => res(true), deadlineMs)))]);
    clearTimeout(timer);
    const aborted = late ? [...this.running.keys()] : [];
    for (const r of this.running.values()) r.controller.abort(new AirlockError('AIRLOCK_ERR_SHUTTING_DOWN'));
    await all();
    return aborted;
  }

  private pump(): void {
    while (this.handler && !this.closed && this.running.size < this.opts.concurrency) {
      const job = this.waiting.shift();
      if (!job) return;
      this.run(job, this.handler);
    }
  }

  private run(job: Job, handler: JobHandler): void {
    const controller = new AbortController();
    const started = performance.now();
    const done = Promise.resolve()
      .then(() => handler(job, controller.signal))
      .catch(() => {}) // the handler records its own failures; the queue must keep going
      .finally(() => {
        this.running.delete(job.id);
        this.avgSeconds = 0.9 * this.avgSeconds + 0.1 * ((performance.now() - started) / 1000);
        this.pump();
      });
    this.running.set(job.id, { controller, done });
  }
}
