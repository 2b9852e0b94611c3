// Comparing a program's output with the expected output, for APIs that judge (Judge0's expected_output).
import { lines } from '../../judge/checkers/lines.js';

/**
 * AC or WA, the way Judge0 compares (line ends' blanks and trailing empty lines do not count). This is the one
 * place to swap for the native `expectedOutput` of /v1/runs once the judging API is in main.
 */
export function judgeOutput(stdout: Buffer, expected: Buffer): { accepted: boolean; message: string } {
  // Judge0 also strips leading whitespace of the whole output.
  const trimStart = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/^[ \t\r\n\v\f]+/, ''), 'latin1');
  const outcome = lines(trimStart(stdout), trimStart(expected));
  return { accepted: outcome.verdict === 'AC', message: outcome.message };
}
