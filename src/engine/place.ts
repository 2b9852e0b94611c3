// Where a request's files go in /box: the main file under the language's name, the others as sent.
import { posix } from 'node:path';
import { AirlockError } from '../errors.js';
import { mainFileName, withHeader } from '../languages/source.js';
import type { Language } from '../languages/types.js';
import type { SourceFile } from './files.js';

/** The files as the boxes will see them, and the main file's name among them. */
export interface Placed {
  files: SourceFile[];
  source: string;
}

/**
 * The main file (`main`, else the first) goes under the language's source name; the others keep theirs.
 * With `keepName` (a compatibility API whose clients see their own file names, as argv[0]) the main file keeps
 * its name where the language allows it (see canKeep).
 */
export function placeFiles(lang: Language, files: SourceFile[], main?: string, keepName = false): Placed {
  const mainName = main ?? files[0]!.name;
  const mainFile = files.find((f) => f.name === mainName);
  if (!mainFile) throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `main file ${JSON.stringify(mainName)} is not among the files`);
  const source = keepName && canKeep(lang, mainFile) ? mainFile.name : mainFileName(lang, mainFile.content);
  const others = files.filter((f) => f !== mainFile);
  if (others.some((f) => f.name.toLowerCase() === source.toLowerCase())) {
    throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `"${source}" is reserved for the main file of ${lang.id}`);
  }
  return { files: [{ name: source, content: withHeader(lang, mainFile.content) }, ...others], source };
}

/**
 * A caller's name can stand in for the language's only when the toolchain would read it the same way: the same
 * extension (compilers pick the language from it), no name the content dictates (javac's public class), and
 * commands that take the name from {source}/{sources}/{stem} rather than spelling it out.
 */
function canKeep(lang: Language, f: SourceFile): boolean {
  if (posix.extname(f.name).toLowerCase() !== posix.extname(lang.source).toLowerCase()) return false;
  if (lang.sourceFrom && new RegExp(lang.sourceFrom.pattern, 'm').test(f.content.subarray(0, 256 * 1024).toString('utf8'))) return false;
  return [...(lang.compile ?? []), ...lang.run].some((a) => /\{(source|sources|stem)\}/.test(a));
}
