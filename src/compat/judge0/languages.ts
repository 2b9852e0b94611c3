// Judge0 CE 1.13.1's language ids (db/languages/active.rb, archived.rb) for the languages airlock has.
import { languages } from '../../languages/definitions.js';
import { isInstalled, languageVersion } from '../../languages/registry.js';
import type { Language } from '../../languages/types.js';
import { ARCHIVED } from './archived.js';

/**
 * How an id runs: as the airlock language itself, or one of Judge0's three ids that are not a language but a way of
 * running (each on top of Bash, see project.ts): a text file printed, an uploaded executable, a zip with its scripts.
 */
export type Judge0Kind = 'language' | 'text' | 'executable' | 'project';

/** One row: the airlock language behind the id, the name in Judge0's form ({v}: the version this host runs). */
interface Row {
  lang: string;
  name: string;
  kind?: Judge0Kind;
  /** Whether Judge0 1.13.1 has a compile_cmd for the id (compiler_options are refused otherwise). */
  compiled?: boolean;
}

/**
 * Judge0 CE 1.13.1's active ids whose language airlock has. Judge0 keeps several versions of a compiler under their
 * own ids (C: 48, 49, 50); airlock has one, so every one of those ids runs it and shows its real version: clients
 * hard-code any of them (the Python SDK picks 52 for C++, most tutorials 54). Ids 200 and up are airlock's languages
 * that Judge0 CE lacks (an id range Judge0 does not use).
 */
const ACTIVE: Record<number, Row> = {
  43: { lang: 'bash', name: 'Plain Text', kind: 'text' },
  44: { lang: 'bash', name: 'Executable', kind: 'executable' },
  45: { lang: 'nasm', name: 'Assembly (NASM {v})', compiled: true },
  46: { lang: 'bash', name: 'Bash ({v})' },
  48: { lang: 'c', name: 'C (GCC {v})', compiled: true },
  49: { lang: 'c', name: 'C (GCC {v})', compiled: true },
  50: { lang: 'c', name: 'C (GCC {v})', compiled: true },
  51: { lang: 'csharp', name: 'C# (Mono {v})', compiled: true },
  52: { lang: 'cpp', name: 'C++ (GCC {v})', compiled: true },
  53: { lang: 'cpp', name: 'C++ (GCC {v})', compiled: true },
  54: { lang: 'cpp', name: 'C++ (GCC {v})', compiled: true },
  55: { lang: 'lisp', name: 'Common Lisp (SBCL {v})' },
  56: { lang: 'd', name: 'D (GDC {v})', compiled: true },
  57: { lang: 'elixir', name: 'Elixir ({v})' },
  58: { lang: 'erlang', name: 'Erlang (OTP {v})' },
  59: { lang: 'fortran', name: 'Fortran (GFortran {v})', compiled: true },
  60: { lang: 'go', name: 'Go ({v})', compiled: true },
  61: { lang: 'haskell', name: 'Haskell (GHC {v})', compiled: true },
  62: { lang: 'java', name: 'Java (OpenJDK {v})', compiled: true },
  63: { lang: 'javascript', name: 'JavaScript (Node.js {v})' },
  64: { lang: 'lua', name: 'Lua ({v})', compiled: true },
  65: { lang: 'ocaml', name: 'OCaml ({v})', compiled: true },
  66: { lang: 'octave', name: 'Octave ({v})' },
  67: { lang: 'pascal', name: 'Pascal (FPC {v})', compiled: true },
  68: { lang: 'php', name: 'PHP ({v})' },
  69: { lang: 'prolog', name: 'Prolog (SWI-Prolog {v})', compiled: true },
  71: { lang: 'python3', name: 'Python ({v})' },
  72: { lang: 'ruby', name: 'Ruby ({v})' },
  73: { lang: 'rust', name: 'Rust ({v})', compiled: true },
  74: { lang: 'typescript', name: 'TypeScript ({v})', compiled: true },
  77: { lang: 'cobol', name: 'COBOL (GnuCOBOL {v})', compiled: true },
  78: { lang: 'kotlin', name: 'Kotlin ({v})', compiled: true },
  80: { lang: 'r', name: 'R ({v})' },
  81: { lang: 'scala', name: 'Scala ({v})', compiled: true },
  82: { lang: 'sqlite', name: 'SQL (SQLite {v})' },
  85: { lang: 'perl', name: 'Perl ({v})' },
  89: { lang: 'bash', name: 'Multi-file program', kind: 'project' },
  200: { lang: 'ada', name: 'Ada (GNAT {v})', compiled: true },
  201: { lang: 'awk', name: 'AWK (GNU awk {v})' },
  202: { lang: 'nim', name: 'Nim ({v})', compiled: true },
  203: { lang: 'pypy3', name: 'Python (PyPy {v})' },
  204: { lang: 'racket', name: 'Racket ({v})' },
  205: { lang: 'scheme', name: 'Scheme (Guile {v})' },
  206: { lang: 'tcl', name: 'Tcl ({v})' },
};

/**
 * Judge0 CE 1.14.0's ids for the same languages (91 Java, 92 Python, 93 JavaScript...), which clients written for
 * 1.14 send: accepted and run as the 1.13.1 id they stand for, never listed.
 */
const LATER: Record<number, number> = {
  91: 62,
  92: 71,
  93: 63,
  94: 74,
  95: 60,
  97: 63,
  98: 68,
  99: 80,
  100: 71,
  101: 74,
  102: 63,
  103: 50,
  105: 54,
  107: 60,
  108: 73,
  109: 71,
  111: 78,
};

/** One Judge0 language id as this server has it. */
export interface Judge0Language {
  id: number;
  lang: Language;
  kind: Judge0Kind;
  compiled: boolean;
  /** Whether /languages lists the id (an accepted 1.14.0 id is not listed; it shows as the 1.13.1 id it stands for). */
  listed: boolean;
  name: string;
}

const byLang = new Map(languages.map((l) => [l.id, l]));

function entry(id: number, listed: boolean): Judge0Language | undefined {
  const row = ACTIVE[id];
  const lang = row && byLang.get(row.lang);
  if (!row || !lang) return undefined;
  return { id, lang, kind: row.kind ?? 'language', compiled: row.compiled ?? false, listed, name: row.name };
}

/** What a submitted id is: a language this host runs, an archived id (refused), or nothing. */
export function resolveId(id: number): { language: Judge0Language } | { archived: true } | undefined {
  const l = entry(id, true) ?? (LATER[id] !== undefined ? entry(LATER[id], false) : undefined);
  if (l) return isInstalled(l.lang) ? { language: l } : undefined;
  return ARCHIVED[id] !== undefined ? { archived: true } : undefined;
}

/** The installed language behind a Judge0 id (active or later), or undefined. */
export function judge0Language(id: number): Judge0Language | undefined {
  const r = resolveId(id);
  return r && 'language' in r ? r.language : undefined;
}

/** The name Judge0 shows, with this host's version ("Python (3.11.2)"). */
export async function judge0Name(l: Judge0Language): Promise<string> {
  return l.name.includes('{v}') ? l.name.replace('{v}', await languageVersion(l.lang)) : l.name;
}

/** Every installed language under its Judge0 CE 1.13.1 ids, sorted by name (then id) as Judge0 sorts them. */
export async function judge0Languages(): Promise<{ id: number; name: string }[]> {
  const listed = Object.keys(ACTIVE)
    .map((id) => entry(Number(id), true)!)
    .filter((l) => isInstalled(l.lang));
  const rows = await Promise.all(listed.map(async (l) => ({ id: l.id, name: await judge0Name(l) })));
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** Judge0's archived languages (ids 1-42) whose language this host has: /languages/all lists them, archived. */
export function archivedLanguages(): { id: number; name: string; is_archived: true }[] {
  return Object.entries(ARCHIVED)
    .filter(([, a]) => byLang.has(a.lang) && isInstalled(byLang.get(a.lang)!))
    .map(([id, a]) => ({ id: Number(id), name: a.name, is_archived: true as const }));
}

/** An archived id's Judge0 name, or undefined. */
export function archivedName(id: number): string | undefined {
  return ARCHIVED[id]?.name;
}
