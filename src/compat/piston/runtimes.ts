// Piston's runtimes: airlock's languages under Piston's names and aliases, with semver versions.
import { languages } from '../../languages/definitions.js';
import { isInstalled, languageVersion } from '../../languages/registry.js';
import type { Language } from '../../languages/types.js';
import { coerce, satisfies } from './semver.js';

/** Piston's language name, aliases and runtime (only where Piston names one) for each airlock language. */
const NAMES: Record<string, { language: string; aliases: string[]; runtime?: string }> = {
  ada: { language: 'ada', aliases: ['adb', 'gnat'] },
  awk: { language: 'awk', aliases: ['gawk'], runtime: 'gawk' },
  bash: { language: 'bash', aliases: ['sh'] },
  c: { language: 'c', aliases: ['gcc'], runtime: 'gcc' },
  cobol: { language: 'cobol', aliases: ['cob'] },
  cpp: { language: 'c++', aliases: ['cpp', 'g++'], runtime: 'gcc' },
  csharp: { language: 'csharp', aliases: ['mono', 'mono-csharp', 'mono-c#', 'mono-cs', 'c#', 'cs'], runtime: 'mono' },
  d: { language: 'd', aliases: ['gdc'], runtime: 'gcc' },
  elixir: { language: 'elixir', aliases: ['elixir', 'exs'] },
  erlang: { language: 'erlang', aliases: ['erlang', 'erl', 'escript'] },
  fortran: { language: 'fortran', aliases: ['fortran', 'f90'], runtime: 'gcc' },
  go: { language: 'go', aliases: ['go', 'golang'] },
  haskell: { language: 'haskell', aliases: ['haskell', 'hs'] },
  java: { language: 'java', aliases: [] },
  javascript: { language: 'javascript', aliases: ['node-javascript', 'node-js', 'javascript', 'js'], runtime: 'node' },
  kotlin: { language: 'kotlin', aliases: ['kt'] },
  lisp: { language: 'lisp', aliases: ['lisp', 'cl', 'sbcl', 'commonlisp'], runtime: 'sbcl' },
  lua: { language: 'lua', aliases: ['lua'] },
  nasm: { language: 'nasm64', aliases: ['asm64', 'nasm64'], runtime: 'nasm' },
  nim: { language: 'nim', aliases: ['nim'] },
  ocaml: { language: 'ocaml', aliases: ['ocaml', 'ml'] },
  octave: { language: 'octave', aliases: ['matlab', 'm'] },
  pascal: { language: 'pascal', aliases: ['freepascal', 'pp', 'pas'] },
  perl: { language: 'perl', aliases: ['pl'] },
  php: { language: 'php', aliases: [] },
  prolog: { language: 'prolog', aliases: ['prolog', 'plg'] },
  pypy3: { language: 'pypy', aliases: ['pypy3'] },
  python3: { language: 'python', aliases: ['py', 'py3', 'python3', 'python3.11'] },
  r: { language: 'rscript', aliases: ['r'] },
  racket: { language: 'racket', aliases: ['rkt'] },
  ruby: { language: 'ruby', aliases: ['ruby3', 'rb'] },
  rust: { language: 'rust', aliases: ['rs'] },
  scala: { language: 'scala', aliases: ['sc'] },
  scheme: { language: 'scheme', aliases: ['guile', 'scm'] },
  sqlite: { language: 'sqlite3', aliases: ['sqlite', 'sql'] },
  tcl: { language: 'tcl', aliases: [] },
  typescript: { language: 'typescript', aliases: ['ts', 'node-ts', 'tsc', 'typescript5', 'ts5'] },
};

/** One runtime as Piston lists it, with the airlock language behind it. */
export interface Runtime {
  language: string;
  version: string;
  aliases: string[];
  runtime?: string;
  lang: Language;
}

/** Every installed runtime. */
export async function runtimes(): Promise<Runtime[]> {
  const out: Runtime[] = [];
  for (const lang of languages) {
    const n = NAMES[lang.id];
    if (!n || !isInstalled(lang)) continue;
    out.push({ ...n, version: coerce(await languageVersion(lang)), lang });
  }
  return out;
}

/** The runtime for a language name or alias whose version satisfies the range (the newest if several), or undefined. */
export async function findRuntime(language: string, range: string): Promise<Runtime | undefined> {
  const matching = (await runtimes()).filter((r) => (r.language === language || r.aliases.includes(language)) && satisfies(r.version, range));
  return matching.sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
}
