// Piston's files as the client named them: the first is run under its own name; checked here so a clash is a 400.
import { extname } from 'node:path';
import { type SourceFile, validateFiles } from '../../engine/files.js';
import { placeFiles } from '../../engine/place.js';
import { isAirlockError } from '../../errors.js';
import type { Language } from '../../languages/types.js';
import { PistonError } from './errors.js';

/** A file as Piston's body gives it, its content already decoded. */
export interface PistonFile {
  name?: unknown;
  content: Buffer;
}

/**
 * Piston's source launcher runs a Java file's first top-level class, whatever the file is called; javac wants the
 * file named after that class. Used only when no public class names the file already.
 */
const FIRST_CLASS = /^\s*(?:(?:final|abstract|strictfp)\s+)*(?:class|interface|enum|record)\s+([A-Za-z_$][A-Za-z0-9_$]*)/m;

/** The name the main file is sent under: the client's; unnamed, the language's own (compilers read the extension, Piston's `file0.code` has none). */
function mainName(lang: Language, f: PistonFile, others: string[]): string {
  if (lang.id === 'java' && !/\bpublic\s+(?:(?:final|abstract|strictfp)\s+)*(?:class|interface|enum|record)\b/.test(f.content.toString('utf8'))) {
    const cls = FIRST_CLASS.exec(f.content.toString('utf8'))?.[1];
    if (cls && /^[A-Za-z0-9_]+$/.test(cls)) return `${cls}.java`;
  }
  if (typeof f.name === 'string' && f.name) return f.name;
  // A later file may have taken the language's name (the CLI's -f main.py): then Piston's file0, with the extension.
  return others.some((n) => n.toLowerCase() === lang.source.toLowerCase()) ? `file0${extname(lang.source)}` : lang.source;
}

/** The files in airlock's form, in the client's order and under the client's names (Piston calls an unnamed later file `file<i>.code`). */
export function pistonFiles(lang: Language, files: PistonFile[]): SourceFile[] {
  const later = files.slice(1).map((f, i) => ({ name: typeof f.name === 'string' && f.name ? f.name : `file${i + 1}.code`, content: f.content }));
  const named = [{ name: mainName(lang, files[0]!, later.map((f) => f.name)), content: files[0]!.content }, ...later];
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
