// A wait=true batch answers every run's output in one response: the runs' output caps together stay within a budget.
import { AirlockError } from '../errors.js';
import { compileLimits, runLimits } from '../engine/limits.js';
import { getLanguage } from '../languages/registry.js';
import type { RunSpec } from '../store/types.js';

/** Below this a lowered cap is useless (an error message alone is longer): the batch is refused instead. */
export const MIN_SHARE = 1024;

/**
 * Fit a batch's output caps into `budget` bytes (stdout and stderr of the run, and of the compile when the language
 * compiles). Threat: 32 runs at the 16 MiB cap held 512 MiB of output in one answer, past V8's longest string (a 500)
 * and 1.4 GB of RSS. A cap the caller asked for (`asked[i]`) is kept or the batch is refused with
 * AIRLOCK_ERR_BATCH_TOO_LARGE; caps left to the defaults share what is left, each lowered only as far as needed
 * (smallest first, so a run that needs little gives the rest to the others).
 */
export function fitOutputBudget(specs: RunSpec[], asked: (number | undefined)[], budget: number, ceiling: number): RunSpec[] {
  const runCap = specs.map((s) => s.limits?.output ?? Math.min(runLimits(getLanguage(s.language)).output, ceiling));
  const compileCap = specs.map((s) => {
    const lang = getLanguage(s.language);
    return lang.compile ? (s.compileLimits?.output ?? Math.min(compileLimits(lang).output, ceiling)) : 0;
  });
  const total = runCap.reduce((a, b, i) => a + b + compileCap[i]!, 0);
  if (total <= budget) return specs;
  const flexible = specs.map((_, i) => i).filter((i) => asked[i] === undefined);
  let room = budget - specs.reduce((a, _, i) => a + compileCap[i]! + (asked[i] === undefined ? 0 : runCap[i]!), 0);
  const refuse = (why: string) =>
    new AirlockError(
      'AIRLOCK_ERR_BATCH_TOO_LARGE',
      `${specs.length} runs may print ${total} bytes together; ${why} (runs.batchOutputBudget ${budget}); ask for smaller limits.output, fewer runs, or wait=false and read each run by id`,
    );
  if (flexible.length === 0) throw refuse('the output limits asked for are above the budget of a wait=true batch');
  if (room / flexible.length < MIN_SHARE) throw refuse(`too little is left for the runs without limits.output (at least ${MIN_SHARE} bytes each)`);
  const given = new Map<number, number>();
  flexible.sort((a, b) => runCap[a]! - runCap[b]!);
  flexible.forEach((i, n) => {
    const share = Math.min(runCap[i]!, Math.floor(room / (flexible.length - n)));
    given.set(i, share);
    room -= share;
  });
  return specs.map((s, i) => {
    const share = given.get(i);
    return share === undefined || share >= runCap[i]! ? s : { ...s, limits: { ...s.limits, output: share } };
  });
}
