// Submissions to stored problems end to end: accept (checked, persisted, queued), judge (every step stored as an
// event), record, cancel; recovery after a restart. They share the runs' queue, slots and key limits.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SubmissionRequest } from '../contracts/submission.js';
import type { Config } from '../config/schema.js';
import type { Engine } from '../engine/execute.js';
import { AirlockError } from '../errors.js';
import { type JudgeEvent, judgeEvents, type JudgeResult } from '../judge/index.js';
import type { Job, JobQueue } from '../queue/types.js';
import type { ProblemStore, SubmissionEnd, SubmissionRecord } from '../store/problem-types.js';
import { testView } from './judge-view.js';
import { live } from './lifecycle.js';
import type { ProblemService } from './problems.js';
import { checkQuota, type Usage } from './quota.js';
import type { StorageQuota } from './storage-quota.js';
import { storedJob } from './stored-job.js';
import type { SubmissionBus } from './submission-bus.js';
import { toJudged, toSubmissionSpec } from './submission-spec.js';
import type { Metrics } from './metrics.js';
import type { Principal } from '../auth/types.js';

/** What the submission service needs. */
export interface SubmissionServiceDeps {
  config: Readonly<Config>;
  store: ProblemStore;
  problems: ProblemService;
  queue: JobQueue;
  engine: Engine;
  bus: SubmissionBus;
  /** Runs and submissions a key made: its runsPerDay covers both. */
  usage: Usage;
  /** The storage quota: a submission's sources must fit in what its key may still store. */
  storage: StorageQuota;
  metrics: Metrics;
  log: Logger;
  /** Scale-out: see RunServiceDeps.cluster. */
  cluster?: boolean;
}

/** The one path for submissions; judging itself is src/judge's judgeEvents. */
export class SubmissionService {
  private accepting = true;

  constructor(private readonly deps: SubmissionServiceDeps) {}

  /** Check, persist (durably: a 202 follows), then queue. */
  async submit(problemId: string, body: SubmissionRequest, who: Principal, requestId: string): Promise<SubmissionRecord> {
    const { config, store, queue, problems, log } = this.deps;
    if (!this.accepting) throw new AirlockError('AIRLOCK_ERR_SHUTTING_DOWN');
    const problem = await problems.get(problemId, who);
    const spec = toSubmissionSpec(body, config, who.policy);
    problems.checkCeilings(problem.summary.maxLimits, who);
    await checkQuota(who, 1, this.deps.usage);
    await this.deps.storage.check(who, Buffer.byteLength(JSON.stringify(spec)), 'submission');
    await queue.checkRoom(1);
    const sub: SubmissionRecord = {
      id: randomUUID(),
      problemId: problem.id,
      problemRevision: problem.revision,
      keyId: who.keyId,
      language: spec.language,
      spec,
      state: 'queued',
      verdict: null,
      score: null,
      maxScore: problem.summary.points,
      result: null,
      error: null,
      errorCode: null,
      requestId,
      attempts: 0,
      createdAt: Date.now(),
      startedAt: null,
      finishedAt: null,
    };
    await store.createSubmission(sub);
    try {
      await queue.add([{ id: sub.id, kind: 'submission', group: who.group, requestId }]);
    } catch (e) {
      // Lost a race for the last places: never accepted.
      await store.finishSubmission(sub.id, { state: 'failed', error: 'refused: the queue was full' }, Date.now());
      throw e;
    }
    log.info({ reqId: requestId, submissionId: sub.id, problemId: problem.id, language: sub.language, key: who.keyId }, 'submission accepted');
    return sub;
  }

  /** A submission the caller may see; others' are "not found" (ids are secrets too). */
  async get(id: string, who: Principal): Promise<SubmissionRecord> {
    const sub = await this.deps.store.getSubmission(id);
    if (!sub || sub.keyId !== who.keyId) throw new AirlockError('AIRLOCK_ERR_SUBMISSION_NOT_FOUND', id);
    return sub;
  }

  /** Cancel a queued or running submission; its boxes are killed. */
  async cancel(id: string, who: Principal): Promise<SubmissionRecord> {
    const sub = await this.get(id, who);
    if (sub.state !== 'queued' && sub.state !== 'running') throw new AirlockError('AIRLOCK_ERR_SUBMISSION_FINISHED', `${id} is ${sub.state}`);
    const where = await this.deps.queue.cancel(id);
    if (where !== 'running') await this.end(sub, { state: 'cancelled', error: 'cancelled by the caller' });
    return (await this.deps.store.getSubmission(id))!;
  }

  /** The queue's handler for submissions: judge one, storing each step. Never throws: every end is recorded. */
  readonly process = (job: Job, signal: AbortSignal): Promise<void> => {
    const { store, problems, engine } = this.deps;
    const log = this.deps.log.child({ reqId: job.requestId, submissionId: job.id });
    return live<SubmissionRecord>(
      {
        noun: 'submission',
        log,
        claim: (now) => (this.deps.cluster ? store.restartSubmission(job.id, now) : store.startSubmission(job.id, now)),
        work: async (sub) => {
          this.deps.bus.notify(sub.id);
          log.info({ attempt: sub.attempts }, 'submission started');
          const record = await store.getProblem(sub.problemId);
          if (!record) return await this.end(sub, { state: 'failed', error: 'the problem was deleted before the submission was judged' });
          const problem = await problems.loaded(record);
          let result: JudgeResult | undefined;
          for await (const e of judgeEvents(engine, problem, toJudged(sub.spec), { signal, prepared: (s) => problems.lease(record, s) })) {
            if (e.type === 'done') {
              result = e.result;
              continue;
            }
            await store.addSubmissionEvent(sub.id, sub.attempts, e.type, eventData(e), Date.now());
            this.deps.bus.notify(sub.id);
          }
          log.info({ verdict: result!.verdict, score: result!.score }, 'submission judged');
          await this.end(sub, { state: 'done', result: result! });
        },
        requeue: async (sub) => {
          await store.requeueSubmission(sub.id);
          this.deps.bus.notify(sub.id);
        },
        end: (sub, stop) => this.end(sub, stop),
      },
      signal,
    );
  };

  /** After a start: queue again what was accepted and not finished; fail what restarts keep interrupting. */
  async recover(): Promise<{ requeued: number; failed: number }> {
    const { store, queue, config, log } = this.deps;
    if (this.deps.cluster) {
      // As RunService.recoverCluster: add every unfinished one again by id; Redis ignores those it holds.
      const subs = await store.unfinishedSubmissions();
      const jobs = subs.map((s) => storedJob('submission', s));
      if (jobs.length) await queue.add(jobs, { force: true });
      return { requeued: jobs.length, failed: 0 };
    }
    let requeued = 0;
    let failed = 0;
    for (const sub of await store.unfinishedSubmissions()) {
      if (sub.state === 'running' && sub.attempts >= config.runs.maxAttempts) {
        await this.end(sub, { state: 'failed', error: `interrupted ${sub.attempts} times by restarts; not started again` });
        failed++;
        continue;
      }
      if (sub.state === 'running') await store.requeueSubmission(sub.id);
      await queue.add([storedJob('submission', sub)], { force: true });
      requeued++;
    }
    if (requeued || failed) log.info({ requeued, failed }, 'recovered unfinished submissions');
    return { requeued, failed };
  }

  /** The queue gave up on a job (its workers kept dying): record why, if the submission has not ended. */
  async lost(id: string, reason: string): Promise<void> {
    const sub = await this.deps.store.getSubmission(id);
    if (!sub || (sub.state !== 'queued' && sub.state !== 'running')) return;
    await this.end(sub, { state: 'failed', error: `its worker stopped while judging it ${sub.attempts} time(s); not started again (${reason})` });
  }

  /** Take no new submissions (the queue's close stops and re-queues running ones). */
  shutdown(): void {
    this.accepting = false;
  }

  private async end(sub: SubmissionRecord, end: SubmissionEnd): Promise<void> {
    if (!(await this.deps.store.finishSubmission(sub.id, end, Date.now()))) return;
    this.deps.metrics.submissions.inc({ language: sub.language, verdict: end.result?.verdict ?? end.state });
    this.deps.bus.notify(sub.id);
  }
}

/** What a stored event carries: tests in the API's shape, so replay sends them unchanged. */
function eventData(e: Exclude<JudgeEvent, { type: 'done' }>): unknown {
  if (e.type === 'compile') return e.compile;
  if (e.type === 'test') return testView(e.test);
  return e.group;
}
