// The judging part of a run request (tests, checker, expectedOutput), checked completely before the run is accepted.
import type { RunRequest } from '../contracts/request.js';
import type { Config } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import { checkInlineTests } from '../judge/index.js';
import type { JudgeSpec } from '../store/types.js';
import { decodeField } from './text.js';

/** The tests to judge the run against, or undefined for a plain run. Caller mistakes are 4xx here, never later. */
export function toJudgeSpec(body: RunRequest, encoding: 'utf8' | 'base64', config: Readonly<Config>): JudgeSpec | undefined {
  const { tests, expectedOutput, checker } = body;
  if (tests === undefined && expectedOutput === undefined) {
    if (checker !== undefined) throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'a checker needs tests or expectedOutput');
    return undefined;
  }
  if (tests !== undefined && expectedOutput !== undefined) throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'give tests or expectedOutput, not both');
  if (tests !== undefined && body.stdin !== undefined)
    throw new AirlockError('AIRLOCK_ERR_BAD_REQUEST', 'stdin is not used with tests: each test has its own input');
  if (checker) {
    if ((checker.absolute !== undefined || checker.relative !== undefined) && checker.type !== 'floats') {
      throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', 'checker: absolute and relative tolerances are for the floats checker');
    }
    if (checker.ignoreCase !== undefined && checker.type !== 'tokens')
      throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', 'checker: ignoreCase is for the tokens checker');
  }
  const given = tests ?? [{ name: '1', input: body.stdin ?? '', output: expectedOutput! }];
  const what = (i: number, field: string) => (tests ? `tests[${i}].${field}` : field === 'input' ? 'stdin' : 'expectedOutput');
  const decoded = given.map((t, i) => {
    const input = decodeField(t.input, encoding, what(i, 'input'));
    if (input.length > config.runs.maxStdinBytes) {
      throw new AirlockError('AIRLOCK_ERR_STDIN_TOO_LARGE', `${what(i, 'input')}: ${input.length} bytes, at most ${config.runs.maxStdinBytes}`);
    }
    const output = t.output === undefined ? undefined : decodeField(t.output, encoding, what(i, 'output'));
    return {
      ...(t.name !== undefined ? { name: t.name } : {}),
      input,
      ...(output ? { answer: output } : {}),
      ...(t.points !== undefined ? { points: t.points } : {}),
    };
  });
  const names = checkInlineTests({ tests: decoded, ...(checker ? { checker: checker } : {}) });
  return {
    tests: decoded.map((t, i) => ({
      name: names[i]!,
      input: t.input.toString('base64'),
      ...(t.answer ? { output: t.answer.toString('base64') } : {}),
      ...(t.points !== undefined ? { points: t.points } : {}),
    })),
    ...(checker ? { checker: { ...checker } } : {}),
  };
}
