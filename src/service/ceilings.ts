// Limits a caller may ask for: under the server's ceilings and the key's, clamped when a default is above the key's.
import type { Limits, Policy } from '../config/schema.js';
import { AirlockError } from '../errors.js';
import type { Language } from '../languages/types.js';
import { defaultRunLimits } from '../sandbox/limits.js';

type Key = keyof Limits;

/** Check requested limits against the server-wide and per-key ceilings; fill in the key's ceiling where the default is higher. */
export function applyCeilings(lang: Language, requested: Limits | undefined, server: Required<Limits>, policy: Policy, stage: 'run' | 'compile'): Limits {
  const out: Limits = { ...requested };
  for (const [key, value] of Object.entries(requested ?? {}) as [Key, number][]) {
    if (value > server[key]) throw new AirlockError('AIRLOCK_ERR_OVER_CEILING', `${stage} ${key} ${value} is above the server's ceiling ${server[key]}`);
    const mine = policy.ceilings?.[key];
    if (mine !== undefined && value > mine) throw new AirlockError('AIRLOCK_ERR_OVER_CEILING', `${stage} ${key} ${value} is above this key's ceiling ${mine}`);
  }
  if (stage === 'run') {
    const defaults = { ...defaultRunLimits, ...lang.runLimits };
    for (const [key, mine] of Object.entries(policy.ceilings ?? {}) as [Key, number][]) {
      if (out[key] === undefined && defaults[key] > mine) out[key] = mine;
    }
  }
  return out;
}
