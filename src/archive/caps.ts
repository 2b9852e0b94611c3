// What an uploaded archive may unpack to, and which entry names are refused before anything is written.
import { AirlockError } from '../errors.js';

/** Caps on one unpacking: a zip or gzip bomb stops at maxBytes, a flood of tiny files at maxFiles. */
export interface UnpackCaps {
  /** Bytes of file content written, all files together. */
  maxBytes: number;
  /** Files and directories created. */
  maxFiles: number;
  /** Path parts of the deepest entry ("a/b/c.txt" is 3). */
  maxDepth: number;
}

const MAX_PART = 255;
const MAX_NAME = 4096;

/**
 * The parts of an entry's name, checked; an empty list is the archive's own root ("./"), which is skipped.
 * Threat: zip-slip. A name that is absolute or climbs with ".." would write outside the target directory,
 * so it is refused here, before any byte is written, rather than "sanitized" into something else.
 */
export function entryParts(name: string, caps: UnpackCaps): string[] {
  const unsafe = (why: string) => new AirlockError('AIRLOCK_ERR_ARCHIVE_UNSAFE', `${JSON.stringify(name.slice(0, 200))}: ${why}`);
  if (name.length > MAX_NAME) throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', `an entry name is longer than ${MAX_NAME} characters`);
  // Control characters (NUL included) end names early in C tools and forge lines in logs.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\x00-\x1f\x7f]/.test(name)) throw unsafe('a control character in the name');
  if (name.startsWith('/')) throw unsafe('an absolute path');
  // Threat: Windows tools write "\" as a separator; "..\\x" would climb on a host that honours it.
  if (name.includes('\\')) throw unsafe('a backslash in the name');
  if (/^[A-Za-z]:/.test(name)) throw unsafe('a drive letter');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe('a ".." path part (it would climb out of the package)');
  if (parts.some((p) => p.length > MAX_PART))
    throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', `${JSON.stringify(name.slice(0, 200))}: a path part longer than ${MAX_PART} characters`);
  if (parts.length > caps.maxDepth)
    throw new AirlockError('AIRLOCK_ERR_ARCHIVE_TOO_LARGE', `${JSON.stringify(name.slice(0, 200))} is ${parts.length} levels deep, at most ${caps.maxDepth}`);
  return parts;
}
