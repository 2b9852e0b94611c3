// An ICPC package's program (an output validator): one file, or a directory whose files compile together.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Issues } from './issues.js';
import { packageHas } from './paths.js';
import { checkProgram } from './programs.js';
import type { ProgramRef } from './types.js';

/** Files one program may have: a validator is a few sources and headers, not a data set. */
const MAX_FILES = 64;
const SOURCE = /\.(c|cc|cpp|cxx|c\+\+|py)$/i;
const HEADER = /\.(h|hh|hpp)$/i;

/** The program at `rel` (a file or a directory), as a ProgramRef with the ICPC protocol; undefined when unusable. */
export function readIcpcProgram(dir: string, rel: string, issues: Issues): ProgramRef | undefined {
  const st = lstatSync(join(dir, rel));
  if (st.isSymbolicLink()) return void issues.error(rel, 'is a symbolic link; packages must hold real files');
  if (st.isFile()) return checkProgram({ source: rel, language: '', files: [], protocol: 'icpc' }, dir, issues, rel);
  const entries = readdirSync(join(dir, rel), { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
  if (entries.some((e) => e.name === 'build' || e.name === 'run')) {
    return void issues.error(rel, 'build and run scripts are not supported: airlock compiles the sources itself (C, C++, Python 3 ...)');
  }
  if (entries.length > MAX_FILES) return void issues.error(rel, `more than ${MAX_FILES} files in one program`);
  const bad = entries.find((e) => !e.isFile());
  if (bad) return void issues.error(`${rel}/${bad.name}`, 'a program directory holds regular files only (no links or subdirectories)');
  const names = entries.map((e) => e.name).sort();
  const main = mainSource(
    dir,
    rel,
    names.filter((n) => SOURCE.test(n)),
  );
  if (!main) {
    issues.error(rel, 'no single main source: name it validator.cpp (or .c, .py), or keep one file with main()');
    return undefined;
  }
  // Other sources and headers compile along with the main one (validate.h, testlib.h, a helper .cpp).
  const files = names.filter((n) => n !== main && (SOURCE.test(n) || HEADER.test(n)) && extname(n).toLowerCase() !== '.py').map((n) => `${rel}/${n}`);
  const py = names.filter((n) => n !== main && n.endsWith('.py')).map((n) => `${rel}/${n}`);
  return checkProgram({ source: `${rel}/${main}`, language: '', files: [...files, ...py], protocol: 'icpc' }, dir, issues, rel);
}

/** The file holding the entry point: the only source, one named after its role, or the only one with main(). */
function mainSource(dir: string, rel: string, sources: string[]): string | undefined {
  if (sources.length <= 1) return sources[0];
  const named = sources.filter((n) => /^(validator|main|interactor|checker|[^.]*validate)\./i.test(n) || n.startsWith(`${basename(rel)}.`));
  if (named.length === 1) return named[0];
  const withMain = sources.filter(
    (n) =>
      packageHas(dir, `${rel}/${n}`) && /\bint\s+main\s*\(|__name__\s*==\s*['"]__main__['"]/.test(readFileSync(join(dir, rel, n), 'utf8').slice(0, 1 << 20)),
  );
  return withMain.length === 1 ? withMain[0] : undefined;
}
