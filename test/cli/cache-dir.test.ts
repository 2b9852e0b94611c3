// Where the CLI keeps its compile cache (issue 12): a directory another local user made first, or a
// symlink in its place, is refused, and what was planted in it never runs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { repoRoot } from '../helpers/box.js';

const exec = promisify(execFile);
const cli = join(repoRoot, 'dist/src/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'airlock-cachedir-'));
const source = join(work, 'hello.c');
writeFileSync(source, '#include <stdio.h>\nint main(void) { puts("genuine"); return 0; }\n');
const NOBODY = 65534;
const asRoot = process.geteuid?.() === 0 ? false : 'needs root (chown to another user)';

async function run(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cli, 'run', source], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A data directory as another user would plant it: owned by nobody, with a forged entry for hello.c's key. */
async function planted(): Promise<string> {
  // The key is what a genuine compile of hello.c is stored under.
  const genuine = join(mkdtempSync(join(tmpdir(), 'airlock-genuine-')), 'data');
  const g = await run({ AIRLOCK_DATA_DIR: genuine });
  assert.equal(g.stdout, 'genuine\n', g.stderr);
  const key = readdirSync(join(genuine, 'compile-cache')).find((n) => /^[0-9a-f]{64}$/.test(n))!;
  const evil = join(mkdtempSync(join(tmpdir(), 'airlock-evil-')), 'airlock');
  mkdirSync(join(evil, 'compile-cache', key, 'out'), { recursive: true });
  cpSync(join(genuine, 'compile-cache', key, 'meta.json'), join(evil, 'compile-cache', key, 'meta.json'));
  writeFileSync(join(evil, 'compile-cache', key, 'out', 'main'), '#!/bin/sh\necho FORGED-BY-UID-65534\n', { mode: 0o755 });
  for (const p of [
    evil,
    join(evil, 'compile-cache'),
    join(evil, 'compile-cache', key),
    join(evil, 'compile-cache', key, 'out'),
    join(evil, 'compile-cache', key, 'meta.json'),
    join(evil, 'compile-cache', key, 'out', 'main'),
  ]) {
    chownSync(p, NOBODY, NOBODY);
  }
  chmodSync(evil, 0o777);
  return evil;
}

test('root does not use $TMPDIR/airlock, whoever made it: the planted entry never runs', { skip: asRoot, timeout: 60_000 }, async () => {
  const evil = await planted();
  const r = await run({ TMPDIR: join(evil, '..') });
  assert.doesNotMatch(r.stdout, /FORGED/);
  assert.equal(r.stdout, 'genuine\n', r.stderr);
});

test('a data directory owned by another user is refused with a stable code, and nothing in it runs', { skip: asRoot, timeout: 60_000 }, async () => {
  const evil = await planted();
  const r = await run({ AIRLOCK_DATA_DIR: evil });
  assert.doesNotMatch(r.stdout, /FORGED/);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /AIRLOCK_ERR_UNSAFE_DIRECTORY/);
  assert.match(r.stderr, /owned by uid 65534/);
});

test('a symlink in place of the data directory is refused, not followed', { timeout: 60_000 }, async () => {
  const target = mkdtempSync(join(tmpdir(), 'airlock-target-'));
  const link = join(mkdtempSync(join(tmpdir(), 'airlock-link-')), 'airlock');
  symlinkSync(target, link);
  const r = await run({ AIRLOCK_DATA_DIR: link });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /AIRLOCK_ERR_UNSAFE_DIRECTORY/);
  assert.match(r.stderr, /is a symbolic link/);
  assert.deepEqual(readdirSync(target), [], 'nothing was written through the link');
});

test('our own directory with group or other permissions is refused; 0700 is used', { timeout: 60_000 }, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'airlock-mode-')), 'airlock');
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  const r = await run({ AIRLOCK_DATA_DIR: dir });
  assert.match(r.stderr, /AIRLOCK_ERR_UNSAFE_DIRECTORY/);
  assert.match(r.stderr, /mode 755/);
  chmodSync(dir, 0o700);
  assert.equal((await run({ AIRLOCK_DATA_DIR: dir })).stdout, 'genuine\n');
});
