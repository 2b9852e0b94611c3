// A program named by a package (checker, interactor, generator, reference solution): its files and language.
import { basename, extname } from 'node:path';
import { isAirlockError } from '../../errors.js';
import { getLanguage, isInstalled, languageForFile } from '../../languages/registry.js';
import type { Fields } from './fields.js';
import type { Issues } from './issues.js';
import { packageFile } from './paths.js';
import type { ProgramRef } from './types.js';

/** Read "path" or {source, language?, files?} and check that its files and language are usable here. */
export function readProgram(f: Fields, v: unknown, at: string, dir: string, issues: Issues, where: string, moreKeys: string[] = []): ProgramRef | undefined {
  const obj = typeof v === 'string' ? { source: v } : f.object(v, at);
  if (!obj) return undefined;
  f.onlyKeys(obj, at, ['source', 'language', 'files', ...moreKeys]);
  const source = f.string(obj.source, `${at}.source`, true);
  const files = f.strings(obj.files, `${at}.files`) ?? [];
  const language = f.string(obj.language, `${at}.language`);
  if (!source) return undefined;
  return checkProgram({ source, language: language ?? '', files }, dir, issues, `${where} ${at}`);
}

/** Check a program's files exist in the package and its language is known and installed; fill in the language. */
export function checkProgram(p: ProgramRef, dir: string, issues: Issues, where: string): ProgramRef | undefined {
  let ok = true;
  for (const file of [p.source, ...p.files]) ok = packageFile(dir, file, issues, where) !== undefined && ok;
  const names = [p.source, ...p.files].map((x) => basename(x));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) {
    issues.error(where, `two files are both named ${dup}; a program's files share one directory`);
    ok = false;
  }
  try {
    const lang = p.language ? getLanguage(p.language) : languageForFile(p.source);
    if (!isInstalled(lang)) {
      issues.error(where, `language ${lang.id} is not installed on this host`);
      ok = false;
    }
    return ok ? { ...p, language: lang.id } : undefined;
  } catch (e) {
    if (!isAirlockError(e)) throw e;
    issues.error(
      where,
      p.language ? `unknown language "${p.language}"` : `cannot tell the language of ${p.source} from "${extname(p.source)}"; set "language"`,
    );
    return undefined;
  }
}
