// `airlock judge --verify DIR`: judge every submission in the package's submissions/ folders and report
// those whose verdict is not what their folder says (as problemtools' verifyproblem checks a package).
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../engine/execute.js';
import { judge, type JudgeResult, prepareProblem, type Problem } from '../judge/index.js';
import { isInstalled, languageForFile } from '../languages/registry.js';
import { sanitize } from './run.js';

/** The folders the ICPC format defines, and what a submission in each must get. */
export const FOLDERS = ['accepted', 'partially_accepted', 'wrong_answer', 'time_limit_exceeded', 'run_time_error'] as const;
type Folder = (typeof FOLDERS)[number];

/** One submission's outcome: `ok` false when the folder's promise is broken; `skipped` when it could not be judged here. */
export interface VerifyRow {
  submission: string;
  expected: string;
  verdict: string;
  score: number;
  maxScore: number;
  ok: boolean;
  reason: string;
  skipped?: string;
}

/** Judge every submission (one at a time, each over all slots); rows go to `onRow` as they finish. */
export async function verifyPackage(engine: Engine, problem: Problem, onRow: (r: VerifyRow) => void): Promise<VerifyRow[]> {
  const subs = listSubmissions(problem.dir);
  const prepared = await prepareProblem(engine, problem);
  const rows: VerifyRow[] = [];
  try {
    for (const s of subs) {
      const base = { submission: s.path, expected: expectation(s.folder), verdict: '-', score: 0, maxScore: 0 };
      let row: VerifyRow;
      if (s.refused) row = { ...base, ok: false, reason: s.refused };
      else if (s.skip) row = { ...base, ok: true, reason: s.skip, skipped: s.skip };
      else {
        const files = s.files.map((f) => ({ name: sanitize(f.name), content: readFileSync(f.path) }));
        const r = await judge(engine, prepared, { files, main: sanitize(s.main) });
        row = { ...base, verdict: r.verdict, score: r.score, maxScore: r.maxScore, ok: meets(s.folder, r), reason: r.reason };
      }
      rows.push(row);
      onRow(row);
    }
  } finally {
    await prepared.dispose();
  }
  return rows;
}

/** Whether a result keeps the folder's promise. */
export function meets(folder: Folder, r: JudgeResult): boolean {
  switch (folder) {
    case 'accepted':
      return r.verdict === 'AC' && r.score === r.maxScore;
    case 'partially_accepted':
      return r.verdict === 'AC' && r.score < r.maxScore;
    case 'wrong_answer':
      return r.verdict === 'WA';
    case 'time_limit_exceeded':
      return r.verdict === 'TLE';
    case 'run_time_error':
      return r.verdict === 'RE';
  }
}

function expectation(folder: Folder): string {
  return { accepted: 'AC, full score', partially_accepted: 'AC, less than full score', wrong_answer: 'WA', time_limit_exceeded: 'TLE', run_time_error: 'RE' }[
    folder
  ];
}

interface Listed {
  folder: Folder;
  path: string;
  files: Array<{ name: string; path: string }>;
  main: string;
  skip?: string;
  /** Why it cannot be a submission at all: a broken promise of the package, not a missing language. */
  refused?: string;
}

/** Each file, or each directory (a submission of several files), in every verdict folder, in name order. */
function listSubmissions(dir: string): Listed[] {
  const out: Listed[] = [];
  for (const folder of FOLDERS) {
    const abs = join(dir, 'submissions', folder);
    let names: string[];
    try {
      names = readdirSync(abs)
        .filter((n) => !n.startsWith('.'))
        .sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(abs, name);
      const files = lstatSync(path).isDirectory()
        ? readdirSync(path)
            .sort()
            .map((n) => ({ name: n, path: join(path, n) }))
        : [{ name, path }];
      // Regular files only: a link could feed a host file to the compiler (whose messages quote it), a subdirectory is not read.
      const odd = files.find((f) => !lstatSync(f.path).isFile());
      if (odd) {
        const why = lstatSync(odd.path).isSymbolicLink() ? `${odd.name} is a symbolic link` : `${odd.name} is not a regular file`;
        out.push({ folder, path: `${folder}/${name}`, files, main: name, refused: `${why}; a submission is a file or a directory of regular files` });
        continue;
      }
      const main = files.find((f) => known(f.name))?.name;
      const lang = main ? languageForFile(main) : undefined;
      const skip = !lang ? 'no file in a language airlock knows' : !isInstalled(lang) ? `${lang.id} is not installed here` : undefined;
      out.push({ folder, path: `${folder}/${name}`, files, main: main ?? name, ...(skip ? { skip } : {}) });
    }
  }
  return out;
}

function known(name: string): boolean {
  if (/\.(h|hh|hpp)$/i.test(name)) return false; // a header is never the main file
  try {
    languageForFile(name);
    return true;
  } catch {
    return false;
  }
}
