// Multi-file programs: relative paths, a main file, extra files at run time; options and arguments stay argv elements.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isInstalled, getLanguage } from '../../src/languages/registry.js';
import { engineOn, files } from './helpers.js';

const { engine } = engineOn(230);
const has = (id: string) => (isInstalled(getLanguage(id)) ? false : `${id} is not installed`);

describe('multi-file programs', () => {
  test('C: two translation units and a header in a sub-directory', async () => {
    const r = await engine.execute({
      language: 'c',
      main: 'prog.c',
      files: files(
        ['lib/add.h', 'int add(int a, int b);\n'],
        ['prog.c', '#include <stdio.h>\n#include "lib/add.h"\nint main(void) { printf("%d\\n", add(40, 2)); return 0; }\n'],
        ['add.c', '#include "lib/add.h"\nint add(int a, int b) { return a + b; }\n'],
      ),
    });
    assert.equal(r.status, 'OK', `${r.message} ${String(r.compile?.stderr)}`);
    assert.equal(r.stdout.toString(), '42\n');
  });

  test('Python: a module in a package and a data file read at run time; arguments as argv', async () => {
    const r = await engine.execute({
      language: 'python3',
      main: 'app.py',
      args: ['$(id)', 'a b', '--flag'],
      files: files(
        ['app.py', 'import sys\nfrom pkg.util import shout\nprint(shout(open("data/words.txt").read().strip()), sys.argv[1:])\n'],
        ['pkg/__init__.py', ''],
        ['pkg/util.py', 'def shout(s):\n    return s.upper()\n'],
        ['data/words.txt', 'hello\n'],
      ),
    });
    assert.equal(r.status, 'OK', r.stderr.toString());
    assert.equal(r.stdout.toString(), "HELLO ['$(id)', 'a b', '--flag']\n");
  });

  test('Java: the main file is named after its public class; other classes in their own files', { skip: has('java') }, async () => {
    const r = await engine.execute({
      language: 'java',
      files: files(
        [
          'whatever.java',
          'public class Greeter {\n  public static void main(String[] a) { System.out.println(Helper.greet(a.length > 0 ? a[0] : "nobody")); }\n}\n',
        ],
        ['Helper.java', 'public class Helper {\n  static String greet(String who) { return "hi " + who; }\n}\n'],
      ),
      args: ['you; rm -rf /'],
    });
    assert.equal(r.status, 'OK', `${r.message} ${String(r.compile?.stderr)} ${r.stderr.toString()}`);
    assert.equal(r.stdout.toString(), 'hi you; rm -rf /\n');
  });

  test("bad names are the caller's error, before any box runs", async () => {
    await assert.rejects(engine.execute({ language: 'c', files: files(['main.c', 'x'], ['../escape.c', 'y']) }), { code: 'AIRLOCK_ERR_BAD_FILE_NAME' });
    await assert.rejects(engine.execute({ language: 'c', files: files(['a.c', 'x'], ['A.C', 'y']) }), { code: 'AIRLOCK_ERR_BAD_FILE_NAME' });
    await assert.rejects(engine.execute({ language: 'c', main: 'nope.c', files: files(['a.c', 'x']) }), { code: 'AIRLOCK_ERR_BAD_FILE_NAME' });
  });
});
