// Problem packages written on the fly for judge tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A package in a fresh temporary directory from {relative path: text}. */
export function writePackage(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-pkg-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
