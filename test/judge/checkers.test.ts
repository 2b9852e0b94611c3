// The built-in checkers: exactness, whitespace and line ends, tolerance edges, order, and their messages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exact } from '../../src/judge/checkers/exact.js';
import { floats, withinTolerance } from '../../src/judge/checkers/floats.js';
import { lines } from '../../src/judge/checkers/lines.js';
import { ordinal } from '../../src/judge/checkers/text.js';
import { testlibOutcome } from '../../src/judge/checkers/testlib.js';
import { tokens } from '../../src/judge/checkers/tokens.js';
import type { CheckOutcome } from '../../src/judge/checkers/types.js';
import { unordered } from '../../src/judge/checkers/unordered.js';
import type { StageResult } from '../../src/engine/execute.js';

const b = (s: string) => Buffer.from(s, 'utf8');
const ok = (o: CheckOutcome) => assert.equal(o.verdict, 'AC', o.message);
const wa = (o: CheckOutcome, msg?: RegExp) => {
  assert.equal(o.verdict, 'WA', o.message);
  if (msg) assert.match(o.message, msg);
};

describe('exact', () => {
  test('equal bytes pass, anything else fails with the byte and line', () => {
    ok(exact(b('1 2\n3\n'), b('1 2\n3\n')));
    wa(exact(b('1 2\n4\n'), b('1 2\n3\n')), /byte 5 \(line 2\) differs: expected 0x33, found 0x34/);
    wa(exact(b('3'), b('3\n')), /output ends after 1 bytes/);
    wa(exact(b('3\n\n'), b('3\n')), /extra bytes after byte 2/);
    wa(exact(b('3\r\n'), b('3\n')), /expected 0x0a, found 0x0d/);
  });
});

describe('lines', () => {
  test('trailing spaces, tabs and CRLF are ignored, as are trailing empty lines', () => {
    ok(lines(b('a b  \r\nc\t\n'), b('a b\nc\n')));
    ok(lines(b('a\nb'), b('a\nb\n\n\n')));
    ok(lines(b(''), b('\n')));
  });
  test('leading and inner whitespace matter', () => {
    wa(lines(b(' a\n'), b('a\n')), /1st line differs: expected "a", found " a"/);
    wa(lines(b('a  b\n'), b('a b\n')), /1st line/);
  });
  test('a missing or extra line is named', () => {
    wa(lines(b('a\n'), b('a\nb\n')), /2nd line differs: expected "b", found end of output/);
    wa(lines(b('a\nb\nc\n'), b('a\nb\n')), /3rd line differs: expected end of output, found "c"/);
  });
});

describe('tokens', () => {
  test('any amount and kind of whitespace separates tokens', () => {
    ok(tokens(b('1   2\r\n\t3\n\n'), b('1 2 3')));
    ok(tokens(b(''), b('  \n')));
  });
  test('different, missing and extra tokens', () => {
    wa(tokens(b('1 2 4'), b('1 2 3')), /3rd token differs: expected "3", found "4"/);
    wa(tokens(b('1 2'), b('1 2 3')), /output ends after 2 tokens: expected "3"/);
    wa(tokens(b('1 2 3 4'), b('1 2 3')), /extra output after 3 tokens: found "4"/);
  });
  test('case matters unless ignoreCase', () => {
    wa(tokens(b('yes'), b('YES')));
    ok(tokens(b('yes'), b('YES'), { ignoreCase: true }));
  });
  test('only ASCII whitespace separates: a UTF-8 byte 0xA0 does not', () => {
    // "à" is C3 A0 in UTF-8; a split on Unicode spaces (U+00A0) would cut it after C3 and accept this answer.
    wa(tokens(b('à'), Buffer.from([0xc3, 0x20])));
    ok(tokens(b('héllo wörld'), b('héllo\nwörld')));
  });
  test('ordinals in messages', () => {
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal), [
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });
});

describe('floats', () => {
  test('absolute tolerance: exactly at the edge passes, just over fails', () => {
    ok(floats(b('1.000001'), b('1'), { absolute: 1e-6 }));
    ok(floats(b('0.999999'), b('1'), { absolute: 1e-6 }));
    wa(floats(b('1.0000011'), b('1'), { absolute: 1e-6 }), /over the tolerance/);
  });
  test('relative tolerance scales with the expected value', () => {
    ok(floats(b('1000001'), b('1000000'), { relative: 1e-6 }));
    wa(floats(b('1000002'), b('1000000'), { relative: 1e-6 }));
    wa(floats(b('0.0000011'), b('0.000001'), { relative: 1e-6 }));
  });
  test('either tolerance is enough when both are set; defaults are 1e-6 each', () => {
    ok(floats(b('1000000.9'), b('1000000'), { absolute: 1e-6, relative: 1e-6 }));
    ok(floats(b('0.0000005'), b('0'), { absolute: 1e-6, relative: 1e-6 }));
    ok(floats(b('3.1415929'), b('3.14159265358979')));
    wa(floats(b('3.14160'), b('3.14159265358979')));
  });
  test('number forms: exponents, signs, leading dot, trailing dot, zero signs', () => {
    ok(floats(b('1e3 -.5 +2. -0'), b('1000 -0.5 2 0'), { absolute: 1e-9 }));
    ok(floats(b('1E-7'), b('0'), { absolute: 1e-6 }));
  });
  test('non-numbers: text must match exactly; a word where a number is expected fails', () => {
    ok(floats(b('YES 1.0000001'), b('YES 1'), { absolute: 1e-6 }));
    wa(floats(b('NO 1'), b('YES 1')), /1st token/);
    wa(floats(b('nan'), b('1')), /not a number/);
    wa(floats(b('inf'), b('1e400')), /not a number/);
    wa(floats(b('0x10'), b('16')), /not a number/);
  });
  test('overflowing values: equal infinities pass, finite against infinite fails', () => {
    ok(floats(b('1e400'), b('2e400')));
    wa(floats(b('1e300'), b('1e400')));
  });
  test('withinTolerance forgives the rounding of the subtraction only', () => {
    assert.equal(withinTolerance(0.3, 0.1 + 0.2, { absolute: 0 }), true);
    assert.equal(withinTolerance(1.1, 1, { absolute: 0.1 }), true);
    assert.equal(withinTolerance(1.1000001, 1, { absolute: 0.1 }), false);
  });
  test('a wrong count of numbers is WA', () => {
    wa(floats(b('1 2'), b('1 2 3')), /output ends after 2 tokens/);
  });
});

describe('unordered', () => {
  test('same lines in any order, trailing whitespace and CRLF ignored', () => {
    ok(unordered(b('c\r\nb  \na\n'), b('a\nb\nc\n')));
    ok(unordered(b('x\nx\ny\n'), b('x\ny\nx\n')));
  });
  test('missing, unexpected and repeated lines are named', () => {
    wa(unordered(b('a\nb\n'), b('a\nb\nc\n')), /missing line "c"/);
    wa(unordered(b('a\nb\nd\n'), b('a\nb\n')), /line 3 "d" is not expected/);
    wa(unordered(b('a\na\n'), b('a\nb\n')), /line 2 "a" is not expected that many times/);
  });
});

describe('testlib exit codes', () => {
  const run = (exitCode: number, stderr = '', status: StageResult['status'] = exitCode ? 'RE' : 'OK', signal = 0): StageResult => ({
    status,
    exitCode,
    signal,
    stdout: Buffer.alloc(0),
    stderr: Buffer.from(stderr),
    cpuTime: 0,
    wallTime: 0,
    memory: 0,
    message: '',
  });
  test('0 AC, 1 WA, 2 and 4 and 8 presentation (WA), 3 fail (IE)', () => {
    assert.deepEqual(testlibOutcome(run(0, 'ok 3 numbers'), 'checker'), { verdict: 'AC', message: 'ok 3 numbers' });
    assert.equal(testlibOutcome(run(1, 'wrong answer 2nd differs'), 'checker').verdict, 'WA');
    for (const code of [2, 4, 8]) assert.equal(testlibOutcome(run(code, 'x'), 'checker').presentation, true);
    const fail = testlibOutcome(run(3, 'FAIL answer file is broken'), 'checker');
    assert.equal(fail.verdict, 'IE');
    assert.match(fail.message, /checker failed.*FAIL answer file is broken/);
  });
  test('7 is partial credit: a fraction of the test', () => {
    assert.deepEqual(testlibOutcome(run(7, 'points 0.25 half of half'), 'checker').score, 0.25);
    assert.equal(testlibOutcome(run(7, '1.5'), 'checker').verdict, 'AC');
    assert.equal(testlibOutcome(run(7, 'no number'), 'checker').verdict, 'IE');
  });
  test("unknown exit codes, signals, limits and Python tracebacks are IE, never the user's verdict", () => {
    assert.equal(testlibOutcome(run(42), 'checker').verdict, 'IE');
    assert.equal(testlibOutcome(run(0, '', 'RE', 11), 'checker').verdict, 'IE');
    assert.equal(testlibOutcome(run(0, '', 'TLE'), 'interactor').verdict, 'IE');
    const tb = testlibOutcome(run(1, 'Traceback (most recent call last):\n  File "main.py", line 3\nZeroDivisionError: division by zero\n'), 'checker');
    assert.equal(tb.verdict, 'IE');
    assert.match(tb.message, /raised an exception: ZeroDivisionError/);
  });
});
