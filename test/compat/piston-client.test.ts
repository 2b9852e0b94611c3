// The piston-client npm package (1.0.2, a devDependency) against a live server: its runtimes() and execute() as a
// bot calls them, and the answers read as it hands them back (it posts without a JSON content type, sends the args
// ["1", "2", "3"] unless told otherwise, and picks the newest version of the language from runtimes()).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp } from '../helpers/service.js';

/** A Piston stage as piston-client hands it back. */
interface Stage {
  stdout: string;
  stderr: string;
  output: string;
  code: number | null;
  signal: string | null;
  status: string | null;
}
/** execute()'s answer: the result, or a refusal's {"message"}, or piston-client's own {success: false}. */
interface Answer {
  language: string;
  version: string;
  run: Stage;
  compile?: Stage;
  message?: string;
  success?: false;
}
/** A runtime as GET /api/v2/runtimes lists it. */
interface Runtime {
  language: string;
  version: string;
  aliases: string[];
}
/** The client piston({server}) returns. */
interface Client {
  runtimes(): Promise<Runtime[]>;
  execute(language: string, code: string, config?: object): Promise<Answer>;
  execute(language: string, config: object): Promise<Answer>;
}

let t: Awaited<ReturnType<typeof testApp>>;
let server: string;
let client: Client;
let runtimes: Runtime[];
before(async () => {
  t = await testApp(512);
  server = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // The package is ESM without types: imported by a name the compiler does not resolve.
  const name: string = 'piston-client';
  const mod: { piston: (opts: { server: string }) => Client } = await import(name);
  client = mod.piston({ server });
  runtimes = await client.runtimes();
});
after(() => t.close());

/** Why a test cannot run here, or false: the language is not among the runtimes. */
const missing = (language: string, id = language) =>
  runtimes.some((r) => r.language === language) ? false : `${id} is not installed here (./setup.sh --languages ${id})`;

/** An answer that must be a result, with a readable failure otherwise. */
function result(a: Answer): Answer {
  assert.ok(a.run && a.success !== false && a.message === undefined, JSON.stringify(a));
  return a;
}

test('runtimes(): the list the server gives, with python among it', async () => {
  const direct = (await (await fetch(`${server}/api/v2/runtimes`)).json()) as Runtime[];
  assert.deepEqual(runtimes, direct);
  const python = runtimes.find((r) => r.language === 'python');
  assert.ok(python, JSON.stringify(runtimes));
  assert.match(python.version, /^\d+\.\d+\.\d+$/);
  assert.ok(python.aliases.includes('py'));
});

test('execute(): Python reading stdin and its args (the client\'s default ["1", "2", "3"], then its own)', async () => {
  const code = 'import sys\nprint(sys.argv[1:], repr(input()))';
  const plain = result(await client.execute('python', code, { stdin: 'hello' }));
  assert.equal(plain.language, 'python');
  assert.equal(plain.version, runtimes.find((r) => r.language === 'python')!.version, 'the newest python, as the client picks it');
  assert.deepEqual([plain.run.stdout, plain.run.stderr, plain.run.code, plain.run.signal], ["['1', '2', '3'] 'hello'\n", '', 0, null]);
  assert.equal(plain.run.output, plain.run.stdout);
  const own = result(await client.execute('python', code, { stdin: 'x\ny\n', args: ['a b', '', 'c'] }));
  assert.equal(own.run.stdout, "['a b', '', 'c'] 'x'\n");
  assert.ok(!('compile' in own), 'no compile stage for an interpreted language');
});

test('execute(): a compile error in C answers run (the compile stage) as the client reads run.stdout', async (tt) => {
  const why = missing('c');
  if (why) return tt.skip(why);
  const a = result(await client.execute('c', 'int main(void) { return x; }'));
  assert.ok(a.compile, 'a compile stage');
  assert.equal(a.compile.code, 1);
  assert.match(a.compile.stderr, /undeclared/);
  assert.deepEqual(a.run, a.compile, 'run is the compile stage, as Piston answers since 2023');
  assert.equal(a.run.stdout, '');
  const ok = result(await client.execute('c', '#include <stdio.h>\nint main(int c, char **v) { printf("%d %s\\n", c, v[3]); }'));
  assert.deepEqual([ok.compile?.code, ok.run.stdout], [0, '4 3\n']);
});

test('execute() with files: the first is run under its own name, next to the others', async () => {
  const py = result(
    await client.execute('python', {
      files: [
        { name: 'prog.py', content: 'import sys, util\nprint(sys.argv[0], util.X)' },
        { name: 'util.py', content: 'X = 42' },
      ],
    }),
  );
  assert.equal(py.run.stdout, 'prog.py 42\n');
});

test('execute() with files: Java, a class not named Main in a file named after it, with a second class file', async (tt) => {
  const why = missing('java');
  if (why) return tt.skip(why);
  const a = result(
    await client.execute('java', {
      files: [
        { name: 'Greeter.java', content: 'public class Greeter {\n  public static void main(String[] a) { System.out.println(Helper.greet(a[0])); }\n}' },
        { name: 'Helper.java', content: 'class Helper {\n  static String greet(String who) { return "hello " + who; }\n}' },
      ],
    }),
  );
  assert.equal(a.compile?.code, 0, JSON.stringify(a.compile));
  assert.equal(a.run.stdout, 'hello 1\n');
});

test('execute(): a program that aborts is reported with SIGABRT', async () => {
  const lang = missing('c') ? 'python' : 'c';
  const code = lang === 'c' ? '#include <stdlib.h>\nint main(void) { abort(); }' : 'import os\nos.abort()';
  const a = result(await client.execute(lang, code));
  assert.deepEqual([a.run.signal, a.run.code, a.run.status], ['SIGABRT', null, 'SG']);
});

test("execute(): an unknown language comes back as Piston's 400 message", async () => {
  const a = await client.execute('brainfuck', '+');
  assert.deepEqual(a, { message: 'version is required as a string' }, 'the client finds no version for it and sends none');
});
