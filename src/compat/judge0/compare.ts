// expected_output against stdout as Judge0 CE 1.13.1 compares them (IsolateJob#strip), byte for byte otherwise.
import { isUtf8 } from '../../service/text.js';

/** Ruby's rstrip: trailing whitespace and NULs (" \t\n\v\f\r\0"). */
const TRAILING = /[ \t\n\v\f\r\0]+$/;

/**
 * Judge0's strip: split on "\n", rstrip each line, join with "\n", rstrip the whole. Leading whitespace and blank
 * lines inside are kept. Text that is not UTF-8 makes Ruby's split raise, and Judge0 then compares it unchanged.
 */
export function judge0Strip(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  if (!isUtf8(bytes)) return text;
  return text
    .split('\n')
    .map((line) => line.replace(TRAILING, ''))
    .join('\n')
    .replace(TRAILING, '');
}

/**
 * Whether stdout is accepted against the expected output (status 3, else 4). Judge0 stores an empty stdout as nil,
 * and strip(nil) is nil, which equals no string: a program that prints nothing is a wrong answer whatever was expected.
 */
export function outputMatches(stdout: Buffer, expected: Buffer): boolean {
  return stdout.length > 0 && judge0Strip(stdout) === judge0Strip(expected);
}
