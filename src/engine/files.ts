// Source files from callers: names checked once here, before anything touches the disk.
import { AirlockError } from '../errors.js';

/** One file of a submission. */
export interface SourceFile {
  /** Relative path inside /box, e.g. "main.py" or "lib/util.py". */
  name: string;
  content: Buffer;
}

const MAX_FILES = 64;
const MAX_NAME = 255;
/** Letters, digits, '.', '_', '-', '+', and '/' between parts: nothing a shell or a path walk can misread. */
const SAFE_PART = /^[A-Za-z0-9_+][A-Za-z0-9._+-]*$/;

/** Reject absolute paths, "..", empty parts, odd characters and duplicates with a precise 400. */
export function validateFiles(files: SourceFile[]): void {
  if (files.length === 0) throw new AirlockError('AIRLOCK_ERR_EMPTY_SOURCE');
  if (files.length > MAX_FILES) throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `at most ${MAX_FILES} files`);
  const seen = new Set<string>();
  for (const { name } of files) {
    if (typeof name !== 'string' || name.length === 0) throw badName(name, 'empty');
    if (name.length > MAX_NAME) throw badName(name, 'longer than 255 characters');
    if (name.startsWith('/')) throw badName(name, 'absolute paths are not allowed');
    const parts = name.split('/');
    for (const part of parts) {
      if (part === '' || part === '.' || part === '..') throw badName(name, 'empty, "." or ".." path part');
      if (!SAFE_PART.test(part)) throw badName(name, 'only letters, digits and . _ + - are allowed, not starting with . or -');
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw badName(name, 'duplicate file name');
    seen.add(key);
  }
}

function badName(name: unknown, why: string): AirlockError {
  return new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `${JSON.stringify(name)}: ${why}`);
}
