// Checks on settings that name files: what a schema cannot say about the file itself.
import { constants, statSync } from 'node:fs';

/**
 * Why a launcher binary must not be used, or undefined. Threat: the launcher runs as root (or with the service's
 * privileges); a file that another user owns or can write, or a path that is not a plain executable file, hands them
 * the box's privileges at the next run.
 */
export function checkLauncherFile(path: string): string | undefined {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  if (!st.isFile()) return 'is not a regular file';
  if ((st.mode & 0o111) === 0) return 'is not executable';
  const uid = process.geteuid?.() ?? 0;
  if (st.uid !== 0 && st.uid !== uid) return `is owned by uid ${st.uid}, neither root nor this process`;
  if ((st.mode & (constants.S_IWGRP | constants.S_IWOTH)) !== 0) return `is writable by its group or by others (mode ${(st.mode & 0o7777).toString(8)})`;
  return undefined;
}
