// Private staging directories on the host: sources in, artifacts out. Root-only, removed after use.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SourceFile } from './files.js';

/** A private directory for one execution; `dispose` removes it. */
export interface Staging {
  dir: string;
  dispose(): Promise<void>;
}

/** A fresh 0700 directory under root. */
export async function makeStaging(root: string): Promise<Staging> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(root, 'x-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Write validated files under dir (names were checked by validateFiles). */
export async function writeFiles(dir: string, files: SourceFile[]): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const f of files) {
    const path = join(dir, f.name);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, f.content, { mode: 0o644, flag: 'wx' });
  }
}
