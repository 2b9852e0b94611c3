// What a sample solution's file name promises (ac.cpp, wa-overflow.c, partial-quadratic.c ...), and the check of it.
import assert from 'node:assert/strict';
import { extname } from 'node:path';

/** "partial" or a verdict, from the part of the file name before the first "-" or ".". */
export function promise(file: string): string {
  return file
    .slice(0, file.length - extname(file).length)
    .split('-')[0]!
    .toUpperCase();
}

/** The judgement keeps the promise: the verdict (or partial points), full points for AC only, the compiler's words for CE. */
export function assertPromise(
  expected: string,
  r: { verdict: string | null; score: number | null; maxScore: number | null; compile?: { output: string } | null },
  why: string,
): void {
  const score = r.score ?? 0;
  const max = r.maxScore ?? 0;
  if (expected === 'PARTIAL') {
    assert.notEqual(r.verdict, 'AC', why);
    assert.ok(score > 0 && score < max, why);
  } else {
    assert.equal(r.verdict, expected, why);
    if (expected === 'AC') assert.equal(score, max, why);
    else assert.ok(score < max, why);
  }
  if (expected === 'CE') assert.ok(r.compile && r.compile.output.length > 0, "the compiler's message is kept");
}
