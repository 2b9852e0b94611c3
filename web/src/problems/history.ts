// The user's past submissions, kept in this browser only (there are no accounts): newest first.
import type { Submission } from '../api/types.js';
import { load, save } from '../ui/store.js';

const KEY = 'airlock.submissions';
const MAX = 200;
const MAX_SOURCE = 64 * 1024;

/** One remembered submission. */
export interface PastSubmission {
  id: string;
  problem: string;
  /** The problem's title when submitted (the list across problems shows it). */
  title?: string;
  language: string;
  at: number;
  source: string;
  state: Submission['state'];
  verdict: string | null;
  score: number | null;
  maxScore: number | null;
}

/** This browser's submissions to a problem. */
export function pastSubmissions(problem: string): PastSubmission[] {
  return load<PastSubmission[]>(KEY, []).filter((s) => s.problem === problem);
}

/** This browser's submissions to every problem, newest first. */
export function allSubmissions(): PastSubmission[] {
  return load<PastSubmission[]>(KEY, []);
}

/** The problems this browser has had accepted. */
export function solvedProblems(): Set<string> {
  return new Set(
    allSubmissions()
      .filter((s) => s.verdict === 'AC')
      .map((s) => s.problem),
  );
}

/** Remember a submission, or update it when it finishes. */
export function remember(entry: PastSubmission): void {
  const all = load<PastSubmission[]>(KEY, []).filter((s) => s.id !== entry.id);
  all.unshift({ ...entry, source: entry.source.length > MAX_SOURCE ? entry.source.slice(0, MAX_SOURCE) : entry.source });
  save(KEY, all.slice(0, MAX));
}

/** Update a remembered submission's outcome. */
export function settle(s: Pick<Submission, 'id' | 'state' | 'verdict' | 'score' | 'maxScore'>): void {
  const all = load<PastSubmission[]>(KEY, []);
  const e = all.find((x) => x.id === s.id);
  if (!e) return;
  Object.assign(e, { state: s.state, verdict: s.verdict, score: s.score, maxScore: s.maxScore });
  save(KEY, all);
}
