// A stored submission as the API shows it: the judge's result when it is done, else the steps recorded so far.
import type { SubmissionView } from '../../contracts/submission.js';
import type { JudgeResult } from '../../judge/index.js';
import type { SubmissionEvent, SubmissionRecord } from '../../store/problem-types.js';
import { testView } from '../../service/judge-view.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The payload an event carries, as stored and as sent: the compile step, one test (API shape) or one group. */
export type EventData = SubmissionView['compile'] | SubmissionView['tests'][number] | SubmissionView['groups'][number];

/** The public view; the source is never echoed back. `events` fill in progress while there is no result. */
export function submissionView(s: SubmissionRecord, events: SubmissionEvent[]): SubmissionView {
  const r = s.result as JudgeResult | null;
  const of = <T>(type: SubmissionEvent['type']) => events.filter((e) => e.type === type).map((e) => e.data as T);
  return {
    id: s.id,
    problem: s.problemId,
    problemRevision: s.problemRevision,
    language: s.language,
    state: s.state,
    verdict: s.verdict ?? null,
    reason: r?.reason ?? null,
    score: s.score,
    maxScore: s.maxScore,
    compile: r ? (r.compile ?? null) : (of<SubmissionView['compile']>('compile')[0] ?? null),
    tests: r ? r.tests.map((t) => testView(t)) : of<SubmissionView['tests'][number]>('test'),
    groups: r ? r.groups : of<SubmissionView['groups'][number]>('group'),
    error: s.error,
    errorCode: s.errorCode,
    attempts: s.attempts,
    createdAt: new Date(s.createdAt).toISOString(),
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
  };
}
