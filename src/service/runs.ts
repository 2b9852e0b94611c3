// Runs end to end: accept (checked, persisted, queued), process (engine), record, notify; recovery after a restart.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RunRequest } from '../contracts/request.js';
import type { RunResult } from '../contracts/result.js';
import type { Config } from '../config/schema.js';
import type { Engine } from '../engine/execute.js';
import { AirlockError, isAirlockError } from '../errors.js';
import type { Job, JobQueue, LiveIO } from '../queue/types.js';
import type { RunMode, RunRecord, RunSpec, Store } from '../store/types.js';
import type { RunEvents } from './events.js';
import type { Metrics } from './metrics.js';
import { executeRun, slotRetry } from './execute.js';
import { live } from './lifecycle.js';
import { fitOutputBudget } from './batch-budget.js';
import { checkQuota, type Usage } from './quota.js';
import type { StorageQuota } from './storage-quota.js';
import { toSpec } from './spec.js';
import { AnswerMemory, outputSize } from './answer-memory.js';
import { reclaim } from './reclaim.js';
import { storedJob } from './stored-job.js';
import type { Principal } from '../auth/types.js';
import type { Webhooks } from './webhooks.js';

/** What the run service needs; each part can be swapped (store, queue) for the scale-out ones. */
export interface RunServiceDeps {
  config: Readonly<Config>;
  store: Store;
  queue: JobQueue;
  engine: Engine;
  events: RunEvents;
  webhooks: Webhooks;
  metrics: Metrics;
  log: Logger;
  /** What counts against a key's runsPerDay; default: its runs (the service adds its submissions). */
  usage?: Usage;
  /** The storage quota: a run's spec (sources, stdin) must fit in what its key may still store. */
  storage: StorageQuota;
  /** Scale-out: jobs live in Redis, other nodes run them, and a job whose worker died is started again (still "running"). */
  cluster?: boolean;
}

/** How a submission waits and what follows it. */
export interface SubmitOptions {
  mode: RunMode;
  requestId: string;
  live?: LiveIO;
  /** Per run: what a compatibility adapter keeps with it (stored in the spec, never shown by /v1). */
  compat?: (RunSpec['compat'] | undefined)[];
  /** A batch answered in one response: its output caps are fitted into this many bytes (batch-budget.ts). */
  outputBudget?: number;
}

/** The service's one path for runs, shared by the native API, streaming and (later) the compatibility adapters. */
export class RunService {
  private accepting = true;
  /** The byte budget of big answers in the making (the app enters each HTTP request into it). */
  readonly answers: AnswerMemory;

  constructor(private readonly deps: RunServiceDeps) {
    this.answers = new AnswerMemory(deps.config.server.answerMemory);
  }

  /** Check, persist, then queue; a batch is all or nothing. The runs are in the store before this resolves. */
  async submit(bodies: RunRequest[], who: Principal, opts: SubmitOptions): Promise<RunRecord[]> {
    const { config, store, queue, log } = this.deps;
    if (!this.accepting) throw new AirlockError('AIRLOCK_ERR_SHUTTING_DOWN');
    const checked = bodies.map((b, i) => {
      try {
        const spec = toSpec(b, { config, policy: who.policy });
        return opts.compat?.[i] ? { ...spec, compat: opts.compat[i] } : spec;
      } catch (e) {
        if (bodies.length > 1 && isAirlockError(e)) throw new AirlockError(e.code, `runs[${i}]: ${e.detail ?? e.message}`);
        throw e;
      }
    });
    const specs =
      opts.outputBudget === undefined
        ? checked
        : fitOutputBudget(
            checked,
            bodies.map((b) => b.limits?.output),
            opts.outputBudget,
            config.ceilings.output,
          );
    await checkQuota(who, specs.length, this.deps.usage ?? ((key, since) => this.deps.store.countRuns(key, since)));
    await this.deps.storage.check(
      who,
      specs.reduce((n, spec) => n + Buffer.byteLength(JSON.stringify(spec)), 0),
      'run',
    );
    await queue.checkRoom(specs.length);
    const now = Date.now();
    const batchId = bodies.length > 1 ? randomUUID() : null;
    const runs: RunRecord[] = specs.map((spec, i) => ({
      id: randomUUID(),
      keyId: who.keyId,
      state: 'queued',
      mode: opts.mode,
      language: spec.language,
      spec,
      result: null,
      error: null,
      errorCode: null,
      requestId: opts.requestId,
      attempts: 0,
      batchId,
      callbackUrl: bodies[i]!.callbackUrl ?? null,
      webhookState: 'none',
      createdAt: now,
      startedAt: null,
      finishedAt: null,
    }));
    await store.createRuns(runs);
    try {
      await queue.add(
        runs.map((r) => ({ id: r.id, kind: 'run' as const, group: who.group, requestId: opts.requestId, ...(opts.live ? { live: opts.live } : {}) })),
      );
    } catch (e) {
      // Lost a race for the last places: these runs were never accepted.
      for (const r of runs) await store.finishRun(r.id, { state: 'failed', error: 'refused: the queue was full' }, Date.now());
      throw e;
    }
    for (const r of runs) log.info({ reqId: opts.requestId, runId: r.id, language: r.language, mode: r.mode, key: who.keyId }, 'run accepted');
    return runs;
  }

  /** A run the caller may see; others' runs are "not found" (ids are secrets too). */
  async get(id: string, who: Principal): Promise<RunRecord> {
    // Its size first: a big run waits for room in the answer budget before its output is read into memory.
    const size = await this.deps.store.runSize(id);
    if (!size || size.keyId !== who.keyId) throw new AirlockError('AIRLOCK_ERR_RUN_NOT_FOUND', id);
    await this.answers.hold(size.bytes);
    const run = await this.deps.store.getRun(id);
    if (!run || run.keyId !== who.keyId) throw new AirlockError('AIRLOCK_ERR_RUN_NOT_FOUND', id);
    return run;
  }

  /** Wait until the run ends or timeoutMs passes; returns the run as it is then. */
  async wait(id: string, timeoutMs: number): Promise<RunRecord> {
    const ended = this.deps.events.wait(id, timeoutMs); // registered before the check: no end can slip between
    const now = await this.deps.store.getRun(id);
    if (now && now.state !== 'queued' && now.state !== 'running') {
      this.deps.events.emit(id);
      await this.answers.hold(outputSize(now.result));
      return now;
    }
    const waited = await ended;
    if (waited.run) {
      await this.answers.hold(outputSize(waited.run.result));
      return waited.run;
    }
    await this.answers.hold((await this.deps.store.runSize(id))?.bytes ?? 0);
    return (await this.deps.store.getRun(id))!;
  }

  /**
   * Wait until the run ends or timeoutMs passes, reading only its state: whether it ended. Threat: a batch that waited
   * with `wait` read each finished run whole (and took its output's share of the answer budget) only to drop it, so a
   * batch of 32 runs at 2 MiB each held 64 MiB of output it then read again, one run at a time, to answer.
   */
  async settle(id: string, timeoutMs: number): Promise<boolean> {
    const ended = this.deps.events.wait(id, timeoutMs); // registered before the check: no end can slip between
    const over = async () => {
      const state = (await this.deps.store.runSize(id))?.state;
      return state !== undefined && state !== 'queued' && state !== 'running';
    };
    if (await over()) {
      this.deps.events.emit(id);
      return true;
    }
    // Woken by the run's end, or by a shutdown (which ends nothing): the stored state says which.
    await ended;
    return over();
  }

  /** Cancel a queued or running run; a running box is killed. */
  async cancel(id: string, who: Principal): Promise<RunRecord> {
    const run = await this.get(id, who);
    if (run.state !== 'queued' && run.state !== 'running') throw new AirlockError('AIRLOCK_ERR_RUN_FINISHED', `${id} is ${run.state}`);
    const where = await this.deps.queue.cancel(id);
    if (where !== 'running') await this.end(run, { state: 'cancelled', error: 'cancelled by the caller' });
    return (await this.deps.store.getRun(id))!;
  }

  /** The queue's handler: one run, start to end. Never throws: every end is recorded. */
  readonly process = (job: Job, signal: AbortSignal): Promise<void> => {
    const { store, metrics } = this.deps;
    const log = this.deps.log.child({ reqId: job.requestId, runId: job.id });
    return live<RunRecord>(
      {
        noun: 'run',
        log,
        // In a cluster a job may be a retry whose first worker died mid-run: its run still says "running".
        claim: (now) => (this.deps.cluster ? store.restartRun(job.id, now) : store.startRun(job.id, now)),
        work: async (run) => {
          metrics.stage.observe({ stage: 'queue' }, (run.startedAt! - run.createdAt) / 1000);
          log.info({ attempt: run.attempts }, 'run started');
          const t0 = performance.now();
          const result = await slotRetry(() => executeRun(this.deps, run, job, signal), signal);
          metrics.stage.observe({ stage: 'total' }, (performance.now() - t0) / 1000);
          log.info({ status: result.status, cpuTime: result.cpuTime, wallTime: result.wallTime }, 'run finished');
          // Recording a big result copies its output again (the stored JSON): that takes its turn in the budget too.
          const release = await this.answers.reserve(outputSize(result));
          try {
            await this.end(run, { state: 'done', result });
          } finally {
            release();
          }
        },
        requeue: async (run) => {
          await store.requeueRun(run.id);
          this.deps.events.emit(run.id);
        },
        end: (run, stop) => this.end(run, stop),
      },
      signal,
    );
  };

  /** After a start: re-queue what was accepted and not finished; fail what cannot be finished, with the reason. */
  async recover(): Promise<{ requeued: number; failed: number }> {
    if (this.deps.cluster) return this.recoverCluster();
    const { store, queue, config, log } = this.deps;
    let requeued = 0;
    let failed = 0;
    // Deliveries a stop interrupted, before the loop below fails runs (whose webhooks end() schedules itself).
    const hooks = await this.deps.webhooks.resume();
    for (const run of await store.unfinishedRuns()) {
      let why: string | undefined;
      if (run.mode !== 'async') why = `the service restarted while the ${run.mode === 'sync' ? 'HTTP client' : 'WebSocket client'} waited; submit it again`;
      else if (run.state === 'running' && run.attempts >= config.runs.maxAttempts) why = `interrupted ${run.attempts} times by restarts; not started again`;
      if (why) {
        await this.end(run, { state: 'failed', error: why });
        failed++;
        continue;
      }
      if (run.state === 'running') await store.requeueRun(run.id);
      await queue.add([storedJob('run', run)], { force: true });
      requeued++;
    }
    if (requeued || failed || hooks) log.info({ requeued, failed, webhooks: hooks }, 'recovered unfinished runs');
    return { requeued, failed };
  }

  /**
   * A cluster's API node after a start: the jobs are in Redis and workers elsewhere may be running them, so nothing is
   * failed or put back; every unfinished run is added again by id, which Redis ignores for jobs it still holds and
   * which restores any it lost (a Redis restart without persistence, a crash between store and queue).
   */
  private async recoverCluster(): Promise<{ requeued: number; failed: number }> {
    const { store, queue, log } = this.deps;
    const runs = await store.unfinishedRuns();
    const jobs = runs.map((run) => storedJob('run', run));
    if (jobs.length) await queue.add(jobs, { force: true });
    await this.deps.webhooks.resume();
    if (jobs.length) log.info({ unfinished: jobs.length }, 'unfinished runs checked against the queue');
    return { requeued: jobs.length, failed: 0 };
  }

  /** The queue gave up on a job (its workers kept dying): record why, if the run has not ended. */
  async lost(id: string, reason: string): Promise<void> {
    const run = await this.deps.store.getRun(id);
    if (!run || (run.state !== 'queued' && run.state !== 'running')) return;
    await this.end(run, { state: 'failed', error: `its worker stopped while running it ${run.attempts} time(s); not started again (${reason})` });
  }

  /** A run ended on another node: wake this node's waiters. */
  endedElsewhere(id: string): void {
    this.deps.events.emit(id);
  }

  /** Stop accepting; running boxes get `deadlineMs` to finish, then they are killed and their runs re-queued. */
  async shutdown(deadlineMs: number): Promise<void> {
    this.accepting = false;
    await this.deps.queue.close(deadlineMs);
    this.deps.webhooks.close();
    this.deps.events.emitAll();
  }

  /** Whether new runs are taken. */
  get ready(): boolean {
    return this.accepting;
  }

  private async end(run: RunRecord, end: { state: 'done' | 'failed' | 'cancelled'; result?: RunResult; error?: string; errorCode?: string }): Promise<void> {
    const at = Date.now();
    const recorded = await this.deps.store.finishRun(run.id, end, at);
    if (!recorded) return;
    // Once per run, whichever node or attempt gets here first: the audit line the cluster's fault tests count.
    this.deps.log.info({ reqId: run.requestId, runId: run.id, state: end.state }, 'run recorded');
    this.deps.metrics.runs.inc({ language: run.language, status: end.result?.status ?? end.state });
    // The record as the store now holds it (finishRun's columns), handed to this process's waiters.
    const finished: RunRecord = {
      ...run,
      state: end.state,
      result: end.result ?? null,
      error: end.error ?? null,
      errorCode: end.errorCode ?? null,
      finishedAt: at,
      webhookState: run.callbackUrl ? 'pending' : 'none',
    };
    this.deps.events.emit(run.id, finished);
    reclaim(outputSize(finished.result)); // the stored copy (its JSON text) is garbage now
    if (run.callbackUrl) this.deps.webhooks.schedule(run.id);
  }
}
