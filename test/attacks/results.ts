// The last catalogue run, as data: written by the test, read by the report (npm run attacks:report).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/box.js';
import type { Outcome } from './catalogue/types.js';

/** One attack across the passes of one run. */
export interface AttackResult {
  name: string;
  category: string;
  lang: string;
  threat: string;
  expected: string;
  /** Per pass: the outcome and, when it differs from what was expected, why. */
  observed: Array<{ status: Outcome; detail: string; problems: string[] }>;
  skipped?: string;
  todo?: string;
}

/** The file's shape. */
export interface RunResults {
  date: string;
  kernel: string;
  cgroup: string;
  passes: number;
  lanes: number;
  results: AttackResult[];
}

/** Where the last full run is kept (test-results/ is not committed). */
export const resultsPath = join(repoRoot, 'test-results/attacks.json');

/** Save a run. */
export function saveResults(r: RunResults): void {
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify(r, null, 2)}\n`);
}

/** Load the last run. */
export function loadResults(path = resultsPath): RunResults {
  return JSON.parse(readFileSync(path, 'utf8')) as RunResults;
}

/** Kernel release, for the report's header. */
export const kernelRelease = release;
