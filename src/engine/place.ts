// Where a request's files go in /box: the main file under the language's name, the others as sent.
import { AirlockError } from '../errors.js';
import { mainFileName, withHeader } from '../languages/source.js';
import type { Language } from '../languages/types.js';
import type { SourceFile } from './files.js';

/** The files as the boxes will see them, and the main file's name among them. */
export interface Placed {
  files: SourceFile[];
  source: string;
}

/** The main file (`main`, else the first) goes under the language's source name; the others keep theirs. */
export function placeFiles(lang: Language, files: SourceFile[], main?: string): Placed {
  const mainName = main ?? files[0]!.name;
  const mainFile = files.find((f) => f.name === mainName);
  if (!mainFile) throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `main file ${JSON.stringify(mainName)} is not among the files`);
  const source = mainFileName(lang, mainFile.content);
  const others = files.filter((f) => f !== mainFile);
  if (others.some((f) => f.name.toLowerCase() === source.toLowerCase())) {
    throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `"${source}" is reserved for the main file of ${lang.id}`);
  }
  return { files: [{ name: source, content: withHeader(lang, mainFile.content) }, ...others], source };
}
