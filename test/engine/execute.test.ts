// The engine end to end: sandboxed compile, fresh run box, CE with the compiler's words.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Engine } from '../../src/engine/execute.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { testSlot } from '../helpers/box.js';

const workDir = mkdtempSync(join(tmpdir(), 'airlock-engine-'));
const engine = new Engine({ workDir, slots: new SlotPool(2, testSlot(130)) });
const src = (name: string, text: string) => [{ name, content: Buffer.from(text) }];

describe('engine', () => {
  test('python3 hello world', async () => {
    const r = await engine.execute({ language: 'python3', files: src('hello.py', 'print("Hello")') });
    assert.equal(r.status, 'OK');
    assert.equal(r.stdout.toString(), 'Hello\n');
    assert.equal(r.compile, undefined);
  });

  test('C: compiled in a box, run in another, stdin and exit code', async () => {
    const code = '#include <stdio.h>\nint main(void){int a,b; scanf("%d %d",&a,&b); printf("%d\\n",a+b); return 3;}\n';
    const r = await engine.execute({ language: 'c', files: src('sum.c', code), stdin: '2 40\n' });
    assert.equal(r.compile?.status, 'OK');
    assert.equal(r.status, 'RE');
    assert.equal(r.exitCode, 3);
    assert.equal(r.stdout.toString(), '42\n');
  });

  test('C++ compile error: CE with the compiler message', async () => {
    const r = await engine.execute({ language: 'cpp', files: src('bad.cpp', 'int main() { return undeclared; }\n') });
    assert.equal(r.status, 'CE');
    assert.equal(r.compile?.status, 'RE');
    assert.match(r.compile.stderr.toString(), /undeclared.*was not declared/);
  });

  test('a compile bomb (#include </dev/random>) ends with a limit, not a hang', async () => {
    const started = Date.now();
    const r = await engine.execute({
      language: 'c',
      files: src('bomb.c', '#include </dev/random>\n'),
      compileLimits: { cpuTime: 2, wallTime: 4 },
    });
    assert.equal(r.status, 'CE');
    assert.ok(['TLE', 'MLE', 'RE', 'OLE'].includes(r.compile!.status), r.compile!.status);
    assert.ok(Date.now() - started < 10_000);
  });

  test('compiler options are argv elements, never shell text', async () => {
    const r = await engine.execute({ language: 'c', files: src('m.c', 'int main(void){return 0;}'), compileOptions: ['-DX=1;touch /box/pwned'] });
    assert.equal(r.status, 'OK');
  });

  test("unknown language and bad limits are the caller's errors", async () => {
    await assert.rejects(engine.execute({ language: 'cobolt', files: src('a', 'x') }), { code: 'AIRLOCK_ERR_UNKNOWN_LANGUAGE' });
    await assert.rejects(engine.execute({ language: 'python3', files: src('a.py', 'x'), limits: { cpuTime: -1 } }), { code: 'AIRLOCK_ERR_BAD_LIMIT' });
  });

  test('prepare once, run many: one compile, a fresh box per run', async () => {
    const code = '#include <stdio.h>\nint main(void){int a; scanf("%d",&a); printf("%d\\n",a*2); return 0;}\n';
    const program = await engine.prepare({ language: 'c', files: src('double.c', code) });
    try {
      assert.equal(program.compile?.status, 'OK');
      const outs = await Promise.all(['1', '21', '-4'].map((stdin) => engine.run(program, { stdin })));
      assert.deepEqual(
        outs.map((o) => o.stdout.toString()),
        ['2\n', '42\n', '-8\n'],
      );
    } finally {
      await program.dispose();
    }
  });

  test('staging directories are removed afterwards', () => {
    assert.deepEqual(readdirSync(workDir), []);
  });
});
