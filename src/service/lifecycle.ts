// The life of one queued job, the same for runs and submissions: claim it, do the work, record how it ended.
import type { Logger } from 'pino';
import { stoppedBy } from './outcome.js';

/** A cancelled or failed end, with the reason the caller sees; a failure keeps its error code apart from its words. */
export interface Stop {
  state: 'cancelled' | 'failed';
  error: string;
  errorCode?: string;
}

/** What one kind of stored job does at each step of its life. */
export interface Lifecycle<R> {
  /** "run" or "submission": the log says which. */
  noun: string;
  log: Logger;
  /** Mark it running (a cluster's retry restarts it); undefined when it was cancelled while it waited, or already recorded. */
  claim(now: number): Promise<R | undefined>;
  /** Do the work and record the finished end; a failure throws. */
  work(record: R): Promise<void>;
  /** Put it back in line: the service is stopping, and another start (or worker) takes it. */
  requeue(record: R): Promise<void>;
  /** Record a cancelled or failed end. */
  end(record: R, stop: Stop): Promise<void>;
}

/** The queue's handler for one job. Never throws: every end is recorded, and a stop by shutdown puts the job back. */
export async function live<R>(job: Lifecycle<R>, signal: AbortSignal): Promise<void> {
  const record = await job.claim(Date.now());
  if (!record) return;
  try {
    await job.work(record);
  } catch (e) {
    const stopped = stoppedBy(signal, e);
    if (stopped.kind === 'requeue') {
      job.log.warn(`${job.noun} stopped by shutdown; back in the queue`);
      await job.requeue(record);
    } else if (stopped.kind === 'cancelled') {
      job.log.info(`${job.noun} cancelled`);
      await job.end(record, { state: 'cancelled', error: 'cancelled by the caller' });
    } else {
      job.log.error({ err: e }, `${job.noun} failed`);
      await job.end(record, { state: 'failed', error: stopped.error, errorCode: stopped.code });
    }
  }
}
