// Judge0 CE's language ids for the languages airlock has; the first id of a row is the one /languages lists.
import { languages } from '../../languages/definitions.js';
import { isInstalled, languageVersion } from '../../languages/registry.js';
import type { Language } from '../../languages/types.js';

/**
 * Judge0 CE ids (its /languages) by airlock language; later ids of a row are Judge0's other versions of the same
 * language (1-42 are Judge0 CE's archived ones, such as 4, "C (gcc 7.2.0)", in its documentation's examples), accepted so
 * that clients with those ids hard-coded keep working. Languages Judge0 CE lacks get ids
 * from 200 up, which Judge0 CE does not use.
 */
const IDS: Record<string, { ids: number[]; name: string }> = {
  nasm: { ids: [45], name: 'Assembly (NASM {v})' },
  bash: { ids: [46, 1, 2], name: 'Bash ({v})' },
  c: { ids: [50, 48, 49, 4, 5, 6, 7, 8, 9], name: 'C (GCC {v})' },
  cpp: { ids: [54, 52, 53, 10, 11, 12, 13, 14, 15], name: 'C++ (GCC {v})' },
  csharp: { ids: [51, 16], name: 'C# (Mono {v})' },
  cobol: { ids: [77], name: 'COBOL (GnuCOBOL {v})' },
  lisp: { ids: [55], name: 'Common Lisp (SBCL {v})' },
  d: { ids: [56], name: 'D (GDC {v})' },
  elixir: { ids: [57, 20], name: 'Elixir ({v})' },
  erlang: { ids: [58, 21], name: 'Erlang (OTP {v})' },
  fortran: { ids: [59], name: 'Fortran (GFortran {v})' },
  go: { ids: [95, 60, 22], name: 'Go ({v})' },
  haskell: { ids: [61, 23, 24], name: 'Haskell (GHC {v})' },
  java: { ids: [91, 62, 26, 27, 28], name: 'Java (OpenJDK {v})' },
  javascript: { ids: [93, 63, 29, 30], name: 'JavaScript (Node.js {v})' },
  kotlin: { ids: [78], name: 'Kotlin ({v})' },
  lua: { ids: [64], name: 'Lua ({v})' },
  ocaml: { ids: [65, 31], name: 'OCaml ({v})' },
  octave: { ids: [66, 32], name: 'Octave ({v})' },
  pascal: { ids: [67, 33], name: 'Pascal (FPC {v})' },
  perl: { ids: [85], name: 'Perl ({v})' },
  php: { ids: [98, 68], name: 'PHP ({v})' },
  prolog: { ids: [69], name: 'Prolog (SWI-Prolog {v})' },
  python3: { ids: [92, 71, 97, 34, 35], name: 'Python ({v})' },
  r: { ids: [80, 99], name: 'R ({v})' },
  ruby: { ids: [72, 38, 39, 40, 41], name: 'Ruby ({v})' },
  rust: { ids: [73, 42], name: 'Rust ({v})' },
  scala: { ids: [81], name: 'Scala ({v})' },
  sqlite: { ids: [82], name: 'SQL (SQLite {v})' },
  typescript: { ids: [94, 74], name: 'TypeScript ({v})' },
  ada: { ids: [200], name: 'Ada (GNAT {v})' },
  awk: { ids: [201], name: 'AWK (GNU awk {v})' },
  nim: { ids: [202], name: 'Nim ({v})' },
  pypy3: { ids: [203], name: 'Python (PyPy {v})' },
  racket: { ids: [204], name: 'Racket ({v})' },
  scheme: { ids: [205], name: 'Scheme (Guile {v})' },
  tcl: { ids: [206], name: 'Tcl ({v})' },
};

/** One Judge0 language entry. */
export interface Judge0Language {
  id: number;
  lang: Language;
  /** Whether this is the id /languages lists for the language (the others are accepted aliases). */
  primary: boolean;
}

const byId = new Map<number, Judge0Language>();
for (const lang of languages) {
  const row = IDS[lang.id];
  row?.ids.forEach((id, i) => byId.set(id, { id, lang, primary: i === 0 }));
}

/** The installed language behind a Judge0 id, or undefined. */
export function judge0Language(id: number): Judge0Language | undefined {
  const l = byId.get(id);
  return l && isInstalled(l.lang) ? l : undefined;
}

/** The name Judge0 shows, with this host's version ("Python (3.11.2)"). */
export async function judge0Name(l: Judge0Language): Promise<string> {
  return IDS[l.lang.id]!.name.replace('{v}', await languageVersion(l.lang));
}

/** Every installed language under its primary id, sorted by name as Judge0 sorts them. */
export async function judge0Languages(): Promise<{ id: number; name: string }[]> {
  const rows = await Promise.all([...byId.values()].filter((l) => l.primary && isInstalled(l.lang)).map(async (l) => ({ id: l.id, name: await judge0Name(l) })));
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}
