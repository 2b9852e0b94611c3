// The job queue interface: in-process today, BullMQ on Redis later, behind the same methods.
import type { Readable } from 'node:stream';
import type { TerminalSize } from '../sandbox/terminal.js';
import type { StageResult } from '../engine/stage.js';
import type { JudgeEvent } from '../judge/index.js';

/** Live I/O of a stream session; only an in-process queue can carry it (a remote one routes it by id). */
export interface LiveIO {
  stdin: Readable;
  onStdout: (chunk: Buffer) => void;
  onStderr: (chunk: Buffer) => void;
  /** The compile stage ended and the run stage is about to start (Piston's stage messages). */
  onCompiled?(compile: StageResult): void;
  /** Judged runs: each step of the judgement (compile, every test, every group) as it happens. */
  onJudge?(event: JudgeEvent): void;
  /** The program runs on a terminal (the launcher's --tty) of this size, which it follows. */
  terminal?: TerminalSize;
}

/** One unit of work: the run's id (its spec lives in the store) and the group it is fair within. */
export interface Job {
  id: string;
  /** What the id names: a run (the default) or a submission to a stored problem. A remote queue must carry this. */
  kind?: 'run' | 'submission';
  /** Fairness group: the API key id, or "anonymous". */
  group: string;
  /** The request id that follows the run through the logs. */
  requestId: string;
  live?: LiveIO;
}

/** Runs one job; the signal aborts it (reason: AIRLOCK_ERR_CANCELLED or AIRLOCK_ERR_SHUTTING_DOWN). */
export type JobHandler = (job: Job, signal: AbortSignal) => Promise<void>;

/** How full the queue is. */
export interface QueueStats {
  waiting: number;
  running: number;
  /** Jobs that may wait at most. */
  maxLength: number;
  concurrency: number;
}

/** Where a cancelled job was. */
export type CancelOutcome = 'waiting' | 'running' | 'unknown';

/** Bounded, fair, cancellable. */
export interface JobQueue {
  /** Throw AIRLOCK_ERR_QUEUE_FULL (with retryAfter) unless n more jobs fit now: checked before a run is persisted. */
  checkRoom(n: number): Promise<void>;
  /** Add jobs, all or none; throws like checkRoom. `force`: runs accepted before a restart are never refused. */
  add(jobs: Job[], opts?: { force?: boolean }): Promise<void>;
  /** Remove a waiting job or abort a running one. */
  cancel(id: string): Promise<CancelOutcome>;
  /** Start handing jobs to the handler, `concurrency` at a time. */
  start(handler: JobHandler): void;
  stats(): Promise<QueueStats>;
  /** Take no more jobs; wait up to deadlineMs for running ones, then abort them. Returns the ids aborted. */
  close(deadlineMs: number): Promise<string[]>;
}
