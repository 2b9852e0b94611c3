// Filling a definition's placeholders for one execution: argv elements and env values.
import { extname, posix } from 'node:path';
import type { Language } from './types.js';

/** What one execution contributes to a definition's argv and env. */
export interface Fill {
  /** The main file's name in /box (after sourceFrom). */
  source: string;
  /** Every file name in /box. */
  files: string[];
  /** The caller's compiler options. */
  options: string[];
  /** The stage's memory limit in bytes. */
  memory: number;
}

const MB = 1024 * 1024;

/** Named values: {memory_mb} is the stage's limit, {heap_mb} three quarters of it (room for the runtime itself). */
function values(f: Fill): Record<string, string> {
  const mb = Math.max(1, Math.floor(f.memory / MB));
  return {
    source: f.source,
    stem: f.source.slice(0, f.source.length - extname(f.source).length),
    memory_mb: String(mb),
    heap_mb: String(Math.max(8, Math.floor((mb * 3) / 4))),
  };
}

/** The main file, then the other files with one of the language's extensions, sorted. */
export function sourcesOf(lang: Language, f: Pick<Fill, 'source' | 'files'>): string[] {
  const exts = new Set(lang.extensions.map((e) => e.toLowerCase()));
  const others = f.files.filter((n) => n !== f.source && exts.has(posix.extname(n).toLowerCase()) && !isHeader(n));
  return [f.source, ...others.sort()];
}

/** Headers are included, not compiled. */
function isHeader(name: string): boolean {
  return /\.(h|hpp|ads)$/i.test(name);
}

function substitute(text: string, v: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => v[key] ?? all);
}

/** argv with {options} and {sources} expanded into elements and the named values substituted. */
export function expandArgv(lang: Language, argv: readonly string[], f: Fill): string[] {
  const v = values(f);
  return argv.flatMap((a) => {
    if (a === '{options}') return f.options;
    if (a === '{sources}') return sourcesOf(lang, f);
    return [substitute(a, v)];
  });
}

/** Environment values with the named values substituted (never the caller's text). */
export function expandEnv(env: Record<string, string> | undefined, f: Fill): Record<string, string> {
  const v = values(f);
  return Object.fromEntries(Object.entries(env ?? {}).map(([k, val]) => [k, substitute(val, v)]));
}
