// A submission's view as of now: with the steps stored so far when the judge has not finished.
import type { SubmissionView } from '../../contracts/submission.js';
import type { ProblemStore, SubmissionRecord } from '../../store/problem-types.js';
import { submissionView } from './submission.js';

/** The view; reads the stored events only when there is no result yet. */
export async function toViewNow(store: ProblemStore, sub: SubmissionRecord): Promise<SubmissionView> {
  return submissionView(sub, sub.result ? [] : await store.submissionEvents(sub.id, 0));
}
