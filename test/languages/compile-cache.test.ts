// The compile cache: a hit skips the compiler (observably), options are part of the key, identical compiles coalesce, runs get copies.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { OWNER_TAG } from '../../src/engine/cache-owner.js';
import { CompileCache } from '../../src/engine/compile-cache.js';
import { engineOn, files } from './helpers.js';

/** Prints the time the compiler ran: a second compile would print a later one. */
const stamped = files(['stamp.cpp', '#include <cstdio>\nint main() { std::puts(__TIME__); }\n']);

function artifactHashes(dir: string): string[] {
  const out: string[] = [];
  for (const key of readdirSync(dir).filter((n) => /^[0-9a-f]{64}$/.test(n))) {
    for (const f of readdirSync(join(dir, key, 'out')))
      out.push(
        createHash('sha256')
          .update(readFileSync(join(dir, key, 'out', f)))
          .digest('hex'),
      );
  }
  return out.sort();
}

describe('compile cache through the engine', () => {
  const { engine, dir } = engineOn(220, 2, { compileCache: { dir: join(tmpdir(), `airlock-cache-${process.pid}`) } });
  const cacheDir = engine.config.compileCache!.dir;

  test('a second identical submission does not run the compiler; a changed option does', async () => {
    const first = await engine.execute({ language: 'cpp', files: stamped });
    assert.equal(first.status, 'OK');
    assert.equal(first.compile?.cached, false);
    await sleep(1100); // __TIME__ has one-second resolution
    const second = await engine.execute({ language: 'cpp', files: stamped });
    assert.equal(second.compile?.cached, true);
    assert.equal(second.stdout.toString(), first.stdout.toString(), 'same binary: the compiler did not run again');
    assert.deepEqual({ ...engine.cacheStats(), bytes: 0, entries: 0 }, { hits: 1, misses: 1, coalesced: 0, stores: 1, evictions: 0, bytes: 0, entries: 0 });
    const changed = await engine.execute({ language: 'cpp', files: stamped, compileOptions: ['-DCHANGED=1'] });
    assert.equal(changed.compile?.cached, false);
    assert.notEqual(changed.stdout.toString(), first.stdout.toString(), 'a changed option compiles again');
    assert.equal(engine.cacheStats()!.misses, 2);
  });

  test('identical concurrent compiles coalesce into one compiler run', async () => {
    const code = files(['co.c', '#include <stdio.h>\nint main(void) { puts("co"); return 0; }\n']);
    const before = engine.cacheStats()!;
    const rs = await Promise.all([1, 2, 3].map(() => engine.execute({ language: 'c', files: code })));
    assert.deepEqual(
      rs.map((r) => r.stdout.toString()),
      ['co\n', 'co\n', 'co\n'],
    );
    const after = engine.cacheStats()!;
    assert.equal(after.misses - before.misses, 1);
    assert.equal(after.coalesced - before.coalesced, 2);
    assert.equal(rs.filter((r) => r.compile?.cached === false).length, 1);
  });

  test('a run cannot alter a cached artifact: it gets a copy', async () => {
    const evil = files([
      'evil.c',
      '#include <stdio.h>\nint main(void) {\n  FILE *f = fopen("main", "w");\n  if (f) { fputs("overwritten", f); fclose(f); puts("wrote"); } else puts("refused");\n  return 0;\n}\n',
    ]);
    const first = await engine.execute({ language: 'c', files: evil });
    const hashes = artifactHashes(cacheDir);
    const again = await engine.execute({ language: 'c', files: evil });
    assert.equal(again.compile?.cached, true);
    assert.equal(again.stdout.toString(), first.stdout.toString());
    assert.deepEqual(artifactHashes(cacheDir), hashes);
  });

  test('failed compiles are not cached', async () => {
    const bad = files(['bad.c', 'int main(void) { return nope; }\n']);
    const a = await engine.execute({ language: 'c', files: bad });
    const b = await engine.execute({ language: 'c', files: bad });
    assert.equal(a.status, 'CE');
    assert.equal(b.compile?.cached, false);
    // Nothing staged is left behind (with a cache, the sources never touch the disk at all).
    assert.deepEqual(existsSync(join(dir, 'work')) ? readdirSync(join(dir, 'work')) : [], []);
  });
});

describe('CompileCache on its own', () => {
  const ok = (bytes: number) => async (out: string) => {
    await writeFile(join(out, 'a'), Buffer.alloc(bytes));
    return { ok: true, n: bytes };
  };
  const key = (s: string) => createHash('sha256').update(s).digest('hex');

  test('least recently used entries go first when over the size cap; leased ones stay', async () => {
    const cache = new CompileCache<{ ok: boolean; n: number }>(await mkdtemp(join(tmpdir(), 'airlock-lru-')), 2500);
    (await cache.obtain(key('a'), ok(1000))).release();
    (await cache.obtain(key('b'), ok(1000))).release();
    (await cache.obtain(key('a'), ok(1000))).release(); // a is now more recent than b
    const held = await cache.obtain(key('c'), ok(1000)); // over the cap: b goes
    assert.equal(cache.stats().evictions, 1);
    assert.equal((await cache.obtain(key('a'), ok(1000))).cached, true);
    assert.equal((await cache.obtain(key('b'), ok(1000))).cached, false);
    assert.ok(readdirSync(held.dir!).includes('a'), 'a leased entry is never evicted under its reader');
    held.release();
  });

  test('a new cache on the same directory finds what an earlier process stored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'airlock-lru-'));
    (await new CompileCache<{ ok: boolean; n: number }>(dir, 1 << 20).obtain(key('x'), ok(10))).release();
    const again = await new CompileCache<{ ok: boolean; n: number }>(dir, 1 << 20).obtain(key('x'), () => Promise.reject(new Error('compiled again')));
    assert.equal(again.cached, true);
    assert.equal(again.result.n, 10);
  });

  test("an entry another live process leases is not evicted under it; a dead process's lease is swept", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'airlock-lru-'));
    const live = spawn('sleep', ['60'], { stdio: 'ignore' });
    const dead = spawn('true', [], { stdio: 'ignore' });
    await new Promise((r) => dead.on('exit', r));
    try {
      const cache = new CompileCache<{ ok: boolean; n: number }>(dir, 1500);
      (await cache.obtain(key('a'), ok(1000))).release();
      // What another process's obtain leaves while its program is still being copied into boxes.
      await writeFile(join(dir, 'leases', `${key('a')}.${OWNER_TAG}.${live.pid}.000000000000`), '');
      await writeFile(join(dir, 'leases', `${key('b')}.${OWNER_TAG}.${dead.pid}.000000000000`), '');
      (await cache.obtain(key('c'), ok(1000))).release(); // over the cap, but a is in use elsewhere
      assert.equal(cache.stats().evictions, 0);
      assert.ok(existsSync(join(dir, key('a'), 'out', 'a')));
      // A new process on the directory drops the dead one's lease and keeps the live one's.
      await new CompileCache<{ ok: boolean; n: number }>(dir, 1500).obtain(key('a'), () => Promise.reject(new Error('compiled again')));
      assert.deepEqual(
        readdirSync(join(dir, 'leases')).filter((n) => !n.includes(`.${process.pid}.`)),
        [`${key('a')}.${OWNER_TAG}.${live.pid}.000000000000`],
      );
    } finally {
      live.kill('SIGKILL');
    }
  });

  test('two processes storing the same key: the first one wins, the other uses it and leaves no scratch', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'airlock-lru-'));
    const [one, two] = [new CompileCache<{ ok: boolean; n: number }>(dir, 1 << 20), new CompileCache<{ ok: boolean; n: number }>(dir, 1 << 20)];
    const [a, b] = await Promise.all([one.obtain(key('same'), ok(10)), two.obtain(key('same'), ok(20))]);
    assert.deepEqual(readdirSync(join(a.dir!)), ['a']);
    assert.equal(a.dir, b.dir);
    a.release();
    b.release();
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('tmp-')),
      [],
    );
  });
});
