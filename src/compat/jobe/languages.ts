// Jobe's language ids mapped to airlock's; every other installed airlock language is offered under its own id.
import { languages } from '../../languages/definitions.js';
import { isInstalled, languageVersion } from '../../languages/registry.js';
import type { Language } from '../../languages/types.js';

/** Jobe's ids (CodeRunner sends these) for airlock's languages. */
const JOBE: Record<string, string> = {
  c: 'c',
  cpp: 'cpp',
  java: 'java',
  python3: 'python3',
  nodejs: 'javascript',
  php: 'php',
  pascal: 'pascal',
  octave: 'octave',
};
const FROM_AIRLOCK = Object.fromEntries(Object.entries(JOBE).map(([j, a]) => [a, j]));

/** The installed airlock language behind a Jobe language id (case-insensitive, as Jobe normalises it). */
export function jobeLanguage(id: string): Language | undefined {
  const key = id.toLowerCase();
  const lang = languages.find((l) => l.id === (JOBE[key] ?? (FROM_AIRLOCK[key] ? undefined : key)));
  return lang && isInstalled(lang) ? lang : undefined;
}

/** GET languages: [[id, version], ...] as Jobe answers. */
export async function jobeLanguages(): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const l of languages) if (isInstalled(l)) out.push([FROM_AIRLOCK[l.id] ?? l.id, await languageVersion(l)]);
  return out;
}
