// A directory only this user can change: where cached programs and staging live.
import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AirlockError } from '../errors.js';

/**
 * Create `dir` (mode 0700) or accept it as it is only when it is a real directory (not a symlink:
 * lstat), owned by our effective uid, with no group or other permission bits. Threat: another
 * local user who made the directory first (e.g. /tmp/airlock) could plant a cached "compile"
 * that we would then run as ours, or read other users' programs; a symlink in its place would
 * steer our writes elsewhere. Its parent must not let another user swap it for another either:
 * owned by us or root, and writable by others only when sticky (/tmp).
 * Throws AIRLOCK_ERR_UNSAFE_DIRECTORY otherwise.
 */
export function ensurePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = lstatSync(dir);
  const uid = process.geteuid?.() ?? st.uid;
  if (st.isSymbolicLink()) throw new AirlockError('AIRLOCK_ERR_UNSAFE_DIRECTORY', `${dir} is a symbolic link`);
  if (!st.isDirectory()) throw new AirlockError('AIRLOCK_ERR_UNSAFE_DIRECTORY', `${dir} is not a directory`);
  if (st.uid !== uid) throw new AirlockError('AIRLOCK_ERR_UNSAFE_DIRECTORY', `${dir} is owned by uid ${st.uid}, not by us (uid ${uid})`);
  if (st.mode & 0o077) throw new AirlockError('AIRLOCK_ERR_UNSAFE_DIRECTORY', `${dir} has mode ${(st.mode & 0o777).toString(8)}; it must be 700`);
  const parent = lstatSync(dirname(dir));
  if ((parent.uid !== uid && parent.uid !== 0) || (parent.mode & 0o022 && !(parent.mode & 0o1000))) {
    throw new AirlockError(
      'AIRLOCK_ERR_UNSAFE_DIRECTORY',
      `${dirname(dir)} (uid ${parent.uid}, mode ${(parent.mode & 0o7777).toString(8)}) lets another user replace ${dir}`,
    );
  }
}
