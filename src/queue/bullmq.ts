// The scale-out queue: BullMQ on Redis behind the same JobQueue interface as the in-process one. API nodes add and
// cancel; worker nodes also `start`, taking jobs as their slots free up. Job ids are run (or submission) ids, so
// adding a job twice (a restart's recovery) is a no-op.
import { Queue, QueueEvents, UnrecoverableError, WaitingError, Worker, type Job as BullJob } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AirlockError, isAirlockError } from '../errors.js';
import { LiveRelay, remoteLive } from './live-relay.js';
import { keys, redisConnection } from './redis.js';
import type { CancelOutcome, Job, JobHandler, JobQueue, QueueStats } from './types.js';
import { advertise, liveWorkers, type WorkerInfo } from './workers.js';
import { fairDone, fairPriorities } from './fair-priority.js';

/** What travels in Redis: everything of a Job but its live I/O, which the relay carries. */
interface JobData {
  id: string;
  kind: 'run' | 'submission';
  group: string;
  requestId: string;
  live: boolean;
  /** The session's program runs on a terminal; its size comes through the relay. */
  tty?: boolean;
}

/** How to reach the cluster and how this node takes part in it. */
export interface BullQueueOptions {
  url: string;
  name: string;
  maxLength: number;
  /** Jobs this node runs at once (its sandbox slots); only used once `start` is called. */
  concurrency: number;
  /** A killed worker's job runs again after about this long. */
  lockSeconds: number;
  /** Starts of a job at most (a worker dying mid-run counts as one); then it fails with the reason. */
  maxAttempts: number;
  /** Advertised with the slots, for /v1/health and capacity. */
  languages: string[];
  log: Logger;
}

/** Called when a job ends anywhere in the cluster; `failedReason` when BullMQ gave up on it (its workers kept dying). */
export type EndListener = (id: string, failedReason?: string) => void;

/** BullMQ's states of a job that waits for a worker (prioritized: every airlock job has a priority). */
const WAITING = ['waiting', 'prioritized', 'delayed'] as const;
const waitingIn = (c: Record<string, number>) => WAITING.reduce((sum, state) => sum + (c[state] ?? 0), 0);

/** Tries of a job whose handler failed (PostgreSQL unreachable): 2, 4, 8, 16 s apart, about half a minute in all. */
const STORE_RETRIES = 5;

/** A finished job's record is kept this long, so that a late duplicate add of its id is still ignored. */
const KEEP = { removeOnComplete: { age: 3600, count: 100_000 }, removeOnFail: { age: 7 * 86_400 } };

/** BullMQ on Redis: durable, shared by every node of the cluster. */
export class BullQueue implements JobQueue {
  private readonly conn: Redis;
  private readonly sub: Redis;
  private readonly queue: Queue<JobData>;
  private readonly events: QueueEvents;
  private readonly relay: LiveRelay;
  private readonly running = new Map<string, AbortController>();
  private readonly listeners = new Set<EndListener>();
  /** Connections handed to BullMQ, which does not close a connection it was given: closed here. */
  private readonly owned: Redis[] = [];
  private worker: Worker<JobData> | undefined;
  private stopAdvertising: (() => Promise<void>) | undefined;
  private closed = false;
  private last: QueueStats;

  constructor(private readonly opts: BullQueueOptions) {
    this.last = { waiting: 0, running: 0, maxLength: opts.maxLength, concurrency: opts.concurrency };
    this.conn = redisConnection(opts.url, 'airlock');
    this.sub = redisConnection(opts.url, 'airlock-sub');
    this.queue = new Queue<JobData>(opts.name, { connection: this.conn });
    this.events = new QueueEvents(opts.name, { connection: this.own(redisConnection(opts.url, 'airlock-events')) });
    this.relay = new LiveRelay(opts.name, this.conn, this.sub);
    this.events.on('completed', ({ jobId }) => void this.ended(jobId));
    this.events.on('failed', ({ jobId, failedReason }) => void this.ended(jobId, failedReason));
    this.sub.on('message', (channel: string, id: string) => {
      // Threat: none; the channel is ours. A cancel names a job this node may be running.
      if (channel === keys(opts.name).cancel) this.running.get(id)?.abort(new AirlockError('AIRLOCK_ERR_CANCELLED'));
    });
    for (const c of [this.conn, this.sub]) c.on('error', (err) => opts.log.warn({ err: err.message }, 'redis connection error'));
  }

  /** Wait until Redis answers and the event stream is read: a node starts only when it can queue. */
  async ready(): Promise<void> {
    await this.queue.waitUntilReady();
    await this.events.waitUntilReady();
  }

  /** Be told of every job's end, wherever it ran. */
  onEnded(fn: EndListener): void {
    this.listeners.add(fn);
  }

  async checkRoom(n: number): Promise<void> {
    if (this.closed) throw new AirlockError('AIRLOCK_ERR_SHUTTING_DOWN');
    const waiting = waitingIn(await this.queue.getJobCounts(...WAITING));
    if (waiting + n <= this.opts.maxLength) return;
    const slots = (await this.workers()).reduce((sum, w) => sum + w.slots, 0);
    // About a second per run per slot: the line ahead divided among the cluster's slots.
    const retryAfter = Math.min(60, Math.max(1, Math.ceil((waiting + 1) / Math.max(1, slots))));
    throw new AirlockError('AIRLOCK_ERR_QUEUE_FULL', `${waiting} runs are waiting (at most ${this.opts.maxLength})`, { retryAfter });
  }

  async add(jobs: Job[], opts: { force?: boolean } = {}): Promise<void> {
    if (!opts.force) await this.checkRoom(jobs.length);
    for (const j of jobs) if (j.live) await this.relay.attach(j.id, j.live);
    // Recovered jobs are old: they go first, and (most already being in Redis) do not count against their group.
    const priorities = opts.force
      ? jobs.map(() => 1)
      : await fairPriorities(
          this.conn,
          this.opts.name,
          jobs.map((j) => j.group),
        );
    await this.queue.addBulk(
      jobs.map((j, i) => ({
        name: j.kind ?? 'run',
        data: { id: j.id, kind: j.kind ?? 'run', group: j.group, requestId: j.requestId, live: Boolean(j.live), ...(j.live?.terminal ? { tty: true } : {}) },
        // The handler records every end itself and throws only when the store cannot be reached: try again later.
        opts: { jobId: j.id, priority: priorities[i]!, attempts: STORE_RETRIES, backoff: { type: 'exponential', delay: 2000 }, ...KEEP },
      })),
    );
  }

  async cancel(id: string): Promise<CancelOutcome> {
    const job = await this.queue.getJob(id);
    if (!job) return 'unknown';
    const state = await job.getState();
    if (state === 'completed' || state === 'failed' || state === 'unknown') return 'unknown';
    if (state !== 'active') {
      try {
        await job.remove();
        await fairDone(this.conn, this.opts.name, job.data.group);
        return 'waiting';
      } catch {
        // A worker took it meanwhile (it is locked): cancel it where it runs.
      }
    }
    const finished = job.waitUntilFinished(this.events, 15_000).catch(() => {});
    await this.conn.publish(keys(this.opts.name).cancel, id);
    await finished;
    return 'running';
  }

  start(handler: JobHandler): void {
    const lockDuration = this.opts.lockSeconds * 1000;
    this.worker = new Worker<JobData>(this.opts.name, (job, token) => this.process(job, token!, handler), {
      connection: this.own(redisConnection(this.opts.url, 'airlock-worker')),
      concurrency: this.opts.concurrency,
      lockDuration,
      stalledInterval: Math.max(1000, lockDuration / 2),
      // A job whose worker died goes back in line until it has been started maxAttempts times, then fails.
      maxStalledCount: Math.max(0, this.opts.maxAttempts - 1),
    });
    this.worker.on('error', (err) => this.opts.log.warn({ err: err.message }, 'queue worker error'));
    void this.sub.subscribe(keys(this.opts.name).cancel);
    const id = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    this.stopAdvertising = advertise(this.conn, this.opts.name, { id, slots: this.opts.concurrency, languages: this.opts.languages });
  }

  async stats(): Promise<QueueStats> {
    // A closed node still answers /v1/health (503) and /metrics until it exits: with what it saw last.
    if (this.closed) return this.last;
    const c = await this.queue.getJobCounts(...WAITING, 'active');
    const concurrency = this.worker ? this.opts.concurrency : (await this.workers()).reduce((sum, w) => sum + w.slots, 0);
    this.last = { waiting: waitingIn(c), running: c.active ?? 0, maxLength: this.opts.maxLength, concurrency };
    return this.last;
  }

  /** The workers alive in the cluster now. */
  workers(): Promise<WorkerInfo[]> {
    return liveWorkers(this.conn, this.opts.name);
  }

  async close(deadlineMs: number): Promise<string[]> {
    if (this.closed) return [];
    this.closed = true;
    let aborted: string[] = [];
    if (this.worker) {
      // close() takes no new jobs and waits for the running ones; past the deadline their boxes are stopped and
      // the jobs go back in line for another worker.
      const closing = this.worker.close();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([closing.then(() => false), new Promise<boolean>((res) => (timer = setTimeout(() => res(true), deadlineMs)))]);
      clearTimeout(timer);
      if (late) {
        aborted = [...this.running.keys()];
        for (const c of this.running.values()) c.abort(new AirlockError('AIRLOCK_ERR_SHUTTING_DOWN'));
      }
      await closing;
      await this.stopAdvertising?.();
    }
    await this.events.close();
    await this.queue.close();
    this.sub.disconnect();
    await this.conn.quit().catch(() => {});
    for (const c of this.owned) c.disconnect();
    return aborted;
  }

  private own(c: Redis): Redis {
    this.owned.push(c);
    return c;
  }

  private async process(job: BullJob<JobData>, token: string, handler: JobHandler): Promise<{ kind: string }> {
    const d = job.data;
    // A stream session's client saw the output of the attempt that died: a second attempt would replay its stdin and
    // show output twice. It fails instead, and the client is told why.
    if (d.live && (job.attemptsStarted > 1 || job.stalledCounter > 0)) {
      throw new UnrecoverableError('the worker running this stream session stopped; a session is not started again');
    }
    const controller = new AbortController();
    this.running.set(d.id, controller);
    await fairDone(this.conn, this.opts.name, d.group);
    const session = d.live ? remoteLive(this.opts.name, d.id, this.conn, d.tty === true) : undefined;
    try {
      await handler({ id: d.id, kind: d.kind, group: d.group, requestId: d.requestId, ...(session ? { live: session.live } : {}) }, controller.signal);
    } finally {
      this.running.delete(d.id);
      await session?.close();
    }
    if (isAirlockError(controller.signal.reason, 'AIRLOCK_ERR_SHUTTING_DOWN')) {
      // The handler put the run back to "queued": so does BullMQ, for the next worker.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    return { kind: d.kind };
  }

  private async ended(id: string, failedReason?: string): Promise<void> {
    // A stream session's last output travels apart from the end event: let it arrive before the result is sent.
    if (this.relay.has(id)) await this.relay.detach(id);
    for (const fn of this.listeners) fn(id, failedReason);
  }
}
