// testlib's exit codes, shared by checkers and interactors: 0 AC, 1 WA, 2 PE, 3 fail, 4 dirt (PE),
// 7 points (partial credit), 8 unexpected end of file (PE). Message on stderr.
import type { StageResult } from '../../engine/execute.js';
import { message } from '../excerpt.js';
import { signalName } from '../verdict.js';
import type { CheckOutcome } from './types.js';

/** What a testlib-style checker or interactor said, from how its box ended. A crash or a "fail" is IE. */
export function testlibOutcome(r: StageResult, who: 'checker' | 'interactor'): CheckOutcome {
  const text = message(r.stderr.length ? r.stderr : r.stdout);
  if (r.status === 'OK') return { verdict: 'AC', message: text || 'ok' };
  if (r.status === 'RE' && r.signal === 0) {
    // Python exits 1 on an uncaught exception, which testlib would read as WA: a crash is our IE.
    const stderr = r.stderr.toString('utf8');
    if (r.exitCode === 1 && /^Traceback \(most recent call last\):/m.test(stderr)) {
      return { verdict: 'IE', message: `the ${who} raised an exception: ${lastLine(stderr).slice(0, 500)}` };
    }
    switch (r.exitCode) {
      case 1:
        return { verdict: 'WA', message: text || 'wrong answer' };
      case 2:
      case 4:
        return { verdict: 'WA', message: `presentation error: ${text}`, presentation: true };
      case 8:
        return { verdict: 'WA', message: `unexpected end of output: ${text}`, presentation: true };
      case 7:
        return points(text, who);
      case 3:
        return { verdict: 'IE', message: `the ${who} failed (testlib "fail", exit code 3): ${text || 'no message'}` };
      default:
        return { verdict: 'IE', message: `the ${who} exited with code ${r.exitCode}, which testlib does not define: ${text}` };
    }
  }
  const how =
    r.status === 'RE' ? `was killed by ${signalName(r.signal)}` : r.status === 'IE' ? `could not run (${r.message})` : `ended with ${r.status} (${r.message})`;
  return { verdict: 'IE', message: `the ${who} ${how}${text ? `: ${text}` : ''}` };
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .filter((l) => l.trim())
      .pop()
      ?.trim() ?? ''
  );
}

/** testlib's quitp: the message starts with the points, here a fraction 0..1 of the test's share. */
function points(text: string, who: string): CheckOutcome {
  const m = /^(?:points\s+)?([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text);
  if (!m) return { verdict: 'IE', message: `the ${who} gave points (exit code 7) without a number: ${text}` };
  const score = Math.min(1, Math.max(0, Number(m[1])));
  return { verdict: score >= 1 ? 'AC' : 'WA', message: `partial credit ${score}: ${text}`, score };
}
