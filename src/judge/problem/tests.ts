// Finding tests in a package directory: NAME.in with NAME.ans (or NAME.out), in natural order.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Issues } from './issues.js';

/** A test found on disk. */
export interface FoundTest {
  name: string;
  input: string;
  answer?: string;
}

/** Test names become file names and CLI rows: the same safe characters as source files. */
export const TEST_NAME = /^[A-Za-z0-9_+][A-Za-z0-9._+-]{0,99}$/;

/** "2" before "10", as people number tests. */
export function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The tests in `abs` (shown as `rel`): every NAME.in, with its answer when there is one. */
export function discoverTests(abs: string, rel: string, issues: Issues): FoundTest[] {
  const inputs = new Map<string, string>();
  const answers = new Map<string, string>();
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    const where = `${rel}/${entry.name}`;
    const m = /^(.*)\.(in|ans|out)$/.exec(entry.name);
    if (!m) {
      if (!entry.name.startsWith('.')) issues.warn(where, 'ignored: test files are NAME.in and NAME.ans (or NAME.out)');
      continue;
    }
    if (!entry.isFile()) {
      issues.error(where, 'must be a regular file (not a link or a directory)');
      continue;
    }
    const [, name, ext] = m as unknown as [string, string, string];
    if (!TEST_NAME.test(name)) {
      issues.error(where, 'test names use letters, digits and . _ + - (not first), at most 100 characters');
      continue;
    }
    if (ext === 'in') {
      inputs.set(name, join(abs, entry.name));
    } else if (answers.has(name)) {
      issues.error(where, `test ${name} has both a .ans and a .out file; keep one`);
    } else {
      answers.set(name, join(abs, entry.name));
    }
  }
  for (const name of answers.keys()) if (!inputs.has(name)) issues.error(`${rel}/${name}.ans`, `an answer without an input (${name}.in is missing)`);
  return [...inputs.keys()]
    .sort(naturalOrder)
    .map((name) => ({ name, input: inputs.get(name)!, ...(answers.has(name) ? { answer: answers.get(name)! } : {}) }));
}
