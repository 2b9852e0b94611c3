// Per-language syscall allow-lists (src/languages/profiles/<id>.<stage>.txt), recorded by `airlock languages --profile`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Language, Stage } from './types.js';

/** The profiles live beside the definitions in the source tree (data reviewed like code), from dist/src/languages. */
export const profilesDir = fileURLToPath(new URL('../../../src/languages/profiles/', import.meta.url));

/** The allow-list file of a language's stage, whether or not it exists. */
export function profilePath(lang: Pick<Language, 'id'>, stage: Stage): string {
  return `${profilesDir}${lang.id}.${stage}.txt`;
}

/** The allow-list to run a stage under, or undefined: no profile means the baseline filter only. */
export function profileFor(lang: Pick<Language, 'id'>, stage: Stage): string | undefined {
  const path = profilePath(lang, stage);
  return existsSync(path) ? path : undefined;
}

/** Which stages of a language have an allow-list (interpreted languages have only "run"). */
export function profiledStages(lang: Language): Stage[] {
  const stages: Stage[] = lang.compile ? ['compile', 'run'] : ['run'];
  return stages.filter((s) => profileFor(lang, s) !== undefined);
}
