// Compile bombs end quickly with a limit (or a compiler error) as CE, and the service stays unharmed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostSnapshot, leftovers } from '../helpers/box.js';
import { engineOn, files } from './helpers.js';

const { engine, slot } = engineOn(210);
const tight = { cpuTime: 5, wallTime: 10, memory: 512 * 1024 * 1024 };

const bombs: Array<{ name: string; language: string; file: [string, string]; options?: string[] }> = [
  { name: '#include </dev/random>', language: 'c', file: ['bomb.c', '#include </dev/random>\n'] },
  { name: '#include </dev/zero>', language: 'cpp', file: ['bomb.cpp', '#include </dev/zero>\nint main() {}\n'] },
  {
    // 2^40 distinct instantiations, only 40 deep: no depth limit stops it, a time or memory limit must.
    name: 'exponential template instantiation',
    language: 'cpp',
    file: [
      'bomb.cpp',
      'template <long N, long K> struct T { static constexpr long v = T<N - 1, 2 * K>::v + T<N - 1, 2 * K + 1>::v; };\ntemplate <long K> struct T<0, K> { static constexpr long v = K; };\nint main() { return T<40, 0>::v; }\n',
    ],
  },
  {
    name: 'deep recursive template with the depth limit raised by the caller',
    language: 'cpp',
    file: ['bomb.cpp', 'template <int N> struct R { static constexpr int v = R<N + 1>::v; };\nint main() { return R<0>::v; }\n'],
    options: ['-ftemplate-depth=10000000'],
  },
  { name: 'a 1 GB initialised static array', language: 'c', file: ['bomb.c', 'char big[1 << 30] = {1};\nint main(void) { return big[12345]; }\n'] },
  { name: 'a self-including file', language: 'c', file: ['bomb.c', '#include "bomb.c"\nint main(void) { return 0; }\n'] },
  {
    name: 'a self-including main file (under its box name)',
    language: 'c',
    file: ['bomb.c', '#include __FILE__\n#include __FILE__\nint main(void) { return 0; }\n'],
  },
];

describe('compile bombs', () => {
  for (const b of bombs) {
    test(`${b.name}: CE within the compile limits`, async () => {
      const before = hostSnapshot();
      const started = Date.now();
      const r = await engine.execute({ language: b.language, files: files(b.file), compileLimits: tight, ...(b.options ? { compileOptions: b.options } : {}) });
      const took = (Date.now() - started) / 1000;
      assert.equal(r.status, 'CE', `${r.status} ${r.message}`);
      assert.ok(['TLE', 'MLE', 'OLE', 'RE'].includes(r.compile!.status), r.compile!.status);
      assert.ok(r.compile!.stdout.length + r.compile!.stderr.length <= 1024 * 1024, 'compiler output is capped');
      assert.ok(took < tight.wallTime + 5, `took ${took} s`);
      assert.deepEqual(await leftovers(slot, before), []);
    });
  }

  test('afterwards the service compiles and runs as before', async () => {
    const r = await engine.execute({ language: 'c', files: files(['ok.c', '#include <stdio.h>\nint main(void) { puts("fine"); return 0; }\n']) });
    assert.equal(r.status, 'OK');
    assert.equal(r.stdout.toString(), 'fine\n');
  });

  test('artifacts over the copy-out limit are CE with OLE', async () => {
    const small = engineOn(211, 1, { artifactLimit: 64 * 1024 }).engine;
    const r = await small.execute({ language: 'c', files: files(['m.c', 'char pad[1 << 20] = {1};\nint main(void) { return pad[7]; }\n']) });
    assert.equal(r.status, 'CE');
    assert.equal(r.compile?.status, 'OLE');
  });
});
