// Piston's files as the client named them: the first is run under its own name; checked here so a clash is a 400.
import { extname } from 'node:path';
import { type SourceFile, validateFiles } from '../../engine/files.js';
import { placeFiles } from '../../engine/place.js';
import { isAirlockError } from '../../errors.js';
import type { Language } from '../../languages/types.js';
import { PistonError } from './errors.js';

/** A file as Piston's body gives it, its content already decoded; `utf8` when it was sent as text (no encoding or "utf8"). */
export interface PistonFile {
  name?: unknown;
  content: Buffer;
  utf8: boolean;
}

/**
 * Piston's source launcher runs a Java file's first top-level class, whatever the file is called; javac wants the
 * file named after that class. Used only when no public class names the file already.
 */
const FIRST_CLASS = /^\s*(?:(?:final|abstract|strictfp)\s+)*(?:class|interface|enum|record)\s+([A-Za-z_$][A-Za-z0-9_$]*)/m;

/** The name the main file is sent under: the client's; unnamed, the language's own (compilers read the extension, Piston's `file<i>.code` has none). */
function mainName(lang: Language, f: PistonFile, index: number, others: string[]): string {
  if (lang.id === 'java' && !/\bpublic\s+(?:(?:final|abstract|strictfp)\s+)*(?:class|interface|enum|record)\b/.test(f.content.toString('utf8'))) {
    const cls = FIRST_CLASS.exec(f.content.toString('utf8'))?.[1];
    if (cls && /^[A-Za-z0-9_]+$/.test(cls)) return `${cls}.java`;
  }
  if (typeof f.name === 'string' && f.name) return f.name;
  // A later file may have taken the language's name (the CLI's -f main.py): then Piston's file0, with the extension.
  return others.some((n) => n.toLowerCase() === lang.source.toLowerCase()) ? `file${index}${extname(lang.source)}` : lang.source;
}

/**
 * The files in airlock's form, the one Piston runs first, under the client's names (Piston calls an unnamed file
 * `file<i>.code`). Piston runs the first file sent as text: a base64 or hex file is data (the official CLI sends a
 * binary -f file that way, ahead of the program). Piston writes the files in order, so a later file with a name
 * already used replaces that file's content (the CLI's `-f lib/main.py` next to main.py): the same here.
 */
export function pistonFiles(lang: Language, files: PistonFile[]): SourceFile[] {
  const main = files.findIndex((f) => f.utf8);
  if (main < 0) throw new PistonError('files must include at least one utf8 encoded file');
  const given = (f: PistonFile) => (typeof f.name === 'string' && f.name ? f.name : undefined);
  const others = files.map((f, i) => (i === main ? undefined : (given(f) ?? `file${i}.code`)));
  const names = files.map(
    (f, i) =>
      others[i] ??
      mainName(
        lang,
        f,
        i,
        others.filter((n): n is string => !!n),
      ),
  );
  const content = new Map<string, Buffer>();
  files.forEach((f, i) => content.set(names[i]!, f.content));
  const first = names[main]!;
  const named = [first, ...[...content.keys()].filter((n) => n !== first)].map((name) => ({ name, content: content.get(name)! }));
  try {
    validateFiles(named);
    placeFiles(lang, named, undefined, true);
  } catch (e) {
    // Names the box cannot take (a later file where the main one goes, "..", spaces): the client's mistake, a 400.
    if (isAirlockError(e)) throw new PistonError(e.detail ?? e.message);
    throw e;
  }
  return named;
}
