// Files inside a package: never outside it, never through a symlink (an uploaded package could carry
// one pointing at /etc/shadow, which a test input would then feed to the solution).
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import type { Issues } from './issues.js';

/** The absolute path of a regular file `rel` inside `dir`, or undefined with the reason reported. */
export function packageFile(dir: string, rel: string, issues: Issues, where: string): string | undefined {
  const kind = packageEntry(dir, rel, issues, where);
  if (kind && !kind.isFile) {
    issues.error(where, `${rel} is not a regular file`);
    return undefined;
  }
  return kind?.path;
}

/** The absolute path of a directory `rel` inside `dir`, or undefined with the reason reported. */
export function packageDir(dir: string, rel: string, issues: Issues, where: string): string | undefined {
  const kind = packageEntry(dir, rel, issues, where);
  if (kind && kind.isFile) {
    issues.error(where, `${rel} is not a directory`);
    return undefined;
  }
  return kind?.path;
}

/** Whether a relative path exists in the package (for optional files such as statement.md). */
export function packageHas(dir: string, rel: string): boolean {
  try {
    lstatSync(join(dir, rel));
    return true;
  } catch {
    return false;
  }
}

function packageEntry(dir: string, rel: string, issues: Issues, where: string): { path: string; isFile: boolean } | undefined {
  if (isAbsolute(rel) || rel.split(/[/\\]/).some((p) => p === '..')) {
    issues.error(where, `${JSON.stringify(rel)} must be a path inside the package (relative, without "..")`);
    return undefined;
  }
  const path = join(dir, rel);
  let st;
  try {
    st = lstatSync(path);
  } catch {
    issues.error(where, `${rel} does not exist`);
    return undefined;
  }
  if (st.isSymbolicLink()) {
    issues.error(where, `${rel} is a symbolic link; packages must hold real files`);
    return undefined;
  }
  const real = realpathSync(path);
  const root = realpathSync(dir);
  if (real !== root && !real.startsWith(root + sep)) {
    issues.error(where, `${rel} leads outside the package through a symbolic link`);
    return undefined;
  }
  if (!st.isFile() && !st.isDirectory()) {
    issues.error(where, `${rel} is neither a file nor a directory`);
    return undefined;
  }
  return { path, isFile: st.isFile() };
}
