// What an ICPC output validator said: exit 42 accepted, 43 wrong answer, anything else (0 too) a judge
// error; the message from judgemessage.txt, a score from score.txt.
import type { StageResult } from '../../engine/execute.js';
import { message } from '../excerpt.js';
import type { Feedback } from '../feedback.js';
import { signalName } from '../verdict.js';
import type { CheckOutcome } from './types.js';

/**
 * The outcome of a validator's box. `acceptScore` is what score.txt is read against (a fraction of it is earned);
 * without it (pass-fail problems, and scoring ones without `validation: custom score`) score.txt is not read, as the format says.
 */
export async function icpcOutcome(r: StageResult, feedback: Feedback, who: 'validator' | 'interactive validator', acceptScore?: number): Promise<CheckOutcome> {
  const judge = await feedback.read('judgemessage.txt');
  const text = judge ?? message(r.stderr.length ? r.stderr : r.stdout);
  if (r.status === 'RE' && r.signal === 0 && r.exitCode === 43) return { verdict: 'WA', message: text || 'wrong answer' };
  if (r.status === 'RE' && r.signal === 0 && r.exitCode === 42) {
    const score = acceptScore === undefined ? undefined : await feedback.read('score.txt');
    if (acceptScore === undefined || score === undefined) return { verdict: 'AC', message: text || 'accepted' };
    const n = Number(score.split(/\s+/)[0]);
    if (!Number.isFinite(n)) return { verdict: 'IE', message: `the ${who} wrote a score.txt that is not a number: ${JSON.stringify(score.slice(0, 40))}` };
    const fraction = acceptScore > 0 ? Math.min(1, Math.max(0, n / acceptScore)) : 0;
    return { verdict: 'AC', message: `score ${n}${text ? `: ${text}` : ''}`, score: fraction };
  }
  const how =
    r.status === 'OK'
      ? 'exited with code 0, which an ICPC validator must not (42 accepts, 43 rejects)'
      : r.status === 'RE' && r.signal === 0
        ? `exited with code ${r.exitCode} (42 accepts, 43 rejects)`
        : r.status === 'RE'
          ? `was killed by ${signalName(r.signal)}`
          : r.status === 'IE'
            ? `could not run (${r.message})`
            : `ended with ${r.status} (${r.message})`;
  return { verdict: 'IE', message: `the ${who} ${how}${text ? `: ${text}` : ''}` };
}
