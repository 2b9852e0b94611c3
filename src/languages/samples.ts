// Each language's sample programs (src/languages/programs/<id>/<kind>.<ext>): tests, profiling and benchmarks share them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Language } from './types.js';

/** The programs live in the source tree, beside the definitions; from dist/src/languages. */
export const programsDir = fileURLToPath(new URL('../../../src/languages/programs/', import.meta.url));

/**
 * What each sample does, and so what a box must report for it:
 * hello prints "Hello, World!"; echo copies stdin to stdout; utf8 prints `utf8Text`;
 * exit3 exits with code 3; loop never ends (TLE); hog allocates until killed (MLE);
 * bomb forks or spawns threads without end (contained); ce does not compile (CE).
 */
export const sampleKinds = ['hello', 'echo', 'utf8', 'exit3', 'loop', 'hog', 'bomb', 'ce'] as const;
export type SampleKind = (typeof sampleKinds)[number];

/** The text the utf8 sample prints (followed by a newline). */
export const utf8Text = 'héllo wörld ✓ 日本語';

/** One sample program. */
export interface Sample {
  kind: SampleKind;
  /** File name as written, e.g. "hello.java". */
  name: string;
  content: Buffer;
}

/** The samples a language has; a kind it cannot express (SQL has no fork) is simply absent. */
export function samplesOf(lang: Pick<Language, 'id'>): Sample[] {
  const dir = `${programsDir}${lang.id}`;
  if (!existsSync(dir)) return [];
  const out: Sample[] = [];
  for (const name of readdirSync(dir).sort()) {
    const kind = name.slice(0, name.indexOf('.')) as SampleKind;
    if (sampleKinds.includes(kind)) out.push({ kind, name, content: readFileSync(`${dir}/${name}`) });
  }
  return out;
}

/** One sample by kind, or undefined. */
export function sampleOf(lang: Pick<Language, 'id'>, kind: SampleKind): Sample | undefined {
  return samplesOf(lang).find((s) => s.kind === kind);
}
