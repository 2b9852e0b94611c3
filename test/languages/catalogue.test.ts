// The definitions as data: consistent ids and extensions, samples for each, placeholders, source naming, profile files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { languages } from '../../src/languages/definitions.js';
import { expandArgv, expandEnv, sourcesOf } from '../../src/languages/placeholders.js';
import { profilesDir } from '../../src/languages/profiles.js';
import { getLanguage, isInstalled, languageForFile, missingParts, resolveCommand } from '../../src/languages/registry.js';
import { samplesOf } from '../../src/languages/samples.js';
import { mainFileName, withHeader } from '../../src/languages/source.js';

test('at least 20 languages, unique ids, each extension selects one language', () => {
  assert.ok(languages.length >= 20, String(languages.length));
  assert.equal(new Set(languages.map((l) => l.id)).size, languages.length);
  const exts = languages.flatMap((l) => l.extensions.map((e) => e.toLowerCase()));
  assert.equal(new Set(exts).size, exts.length, 'an extension is claimed twice');
  assert.equal(languageForFile('x.py').id, 'python3');
  assert.equal(languageForFile('Main.JAVA').id, 'java');
});

test('every language has the samples its tests need; compiled ones a compile error too', () => {
  for (const l of languages) {
    const kinds = new Set(samplesOf(l).map((s) => s.kind));
    for (const k of ['hello', 'echo', 'utf8', 'exit3', 'loop', 'hog']) assert.ok(kinds.has(k as never), `${l.id} lacks ${k}`);
    if (l.compile) assert.ok(kinds.has('ce'), `${l.id} lacks ce`);
    if (l.id !== 'sqlite') assert.ok(kinds.has('bomb'), `${l.id} lacks bomb`);
  }
});

test("placeholders: options and sources become elements, memory becomes numbers, never the caller's text", () => {
  const java = getLanguage('java');
  const fill = { source: 'Hello.java', files: ['Hello.java', 'Util.java', 'notes.txt'], options: ['-g', '{heap_mb}'], memory: 256 * 1024 * 1024 };
  const run = expandArgv(java, java.run, fill);
  assert.ok(run.includes('-Xmx192m'));
  assert.equal(run.at(-1), 'Hello');
  const compile = expandArgv(java, java.compile!, fill);
  assert.ok(compile.includes('-g') && compile.includes('{heap_mb}'), 'options are passed verbatim');
  assert.deepEqual(sourcesOf(getLanguage('c'), { source: 'main.c', files: ['main.c', 'b.c', 'a.c', 'x.h'] }), ['main.c', 'a.c', 'b.c']);
  assert.deepEqual(expandEnv({ GOMEMLIMIT: '{heap_mb}MiB' }, fill), { GOMEMLIMIT: '192MiB' });
});

test("Java: the main file takes its public class's name; odd names fall back", () => {
  const java = getLanguage('java');
  assert.equal(mainFileName(java, Buffer.from('import x;\npublic final class Solver {\n}')), 'Solver.java');
  assert.equal(mainFileName(java, Buffer.from('class Main {}')), 'Main.java');
  assert.equal(mainFileName(java, Buffer.from('public class Ünï {}')), 'Main.java');
  assert.equal(mainFileName(getLanguage('ada'), Buffer.from('procedure Hello_World is\nbegin null; end;')), 'hello_world.adb');
});

test('JVM memory: -Xmx below the cgroup limit, and never RLIMIT_AS (the launcher has no such option)', () => {
  for (const id of ['java', 'kotlin', 'scala']) assert.ok(getLanguage(id).run.includes('-Xmx{heap_mb}m'), id);
});

test('profile files name known languages and stages, one syscall name a line', () => {
  if (!existsSync(profilesDir)) return;
  for (const f of readdirSync(profilesDir)) {
    const m = /^([a-z0-9]+)\.(compile|run)\.txt$/.exec(f);
    assert.ok(m, f);
    const lang = getLanguage(m[1]!);
    if (m[2] === 'compile') assert.ok(lang.compile, `${f}: ${lang.id} has no compile stage`);
    const names = readFileSync(`${profilesDir}${f}`, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    for (const n of names) assert.match(n, /^[a-z0-9_]+$/, `${f}: ${n}`);
    for (const hostile of ['ptrace', 'setns', 'unshare', 'mount', 'bpf', 'kexec_load']) assert.ok(!names.includes(hostile), `${f} allows ${hostile}`);
  }
});

test('every language names all its tools: its compiler and runtime are among them', () => {
  for (const l of languages) {
    assert.ok(l.tools.length > 0, `${l.id} names no tools`);
    for (const cmd of [l.compile?.[0], l.run[0]]) {
      if (cmd && !cmd.startsWith('./')) assert.ok(l.tools.includes(cmd), `${l.id}: ${cmd} is not in its tools`);
    }
  }
  // The assembler's script runs under sh, but sh alone is not NASM: the tools inside it count.
  assert.deepEqual(getLanguage('nasm').tools, ['sh', 'nasm', 'ld']);
});

test('a language is installed only when every tool is here; the missing ones are named', () => {
  const nasm = getLanguage('nasm');
  const lacking = { ...nasm, tools: [...nasm.tools, 'airlock-no-such-tool'] };
  assert.equal(isInstalled(lacking), false);
  assert.ok(missingParts(lacking).includes('airlock-no-such-tool'));
  assert.ok(!missingParts(lacking).includes('sh'), 'sh is on every host');
  // The real definition agrees with the host: installed exactly when nasm and ld resolve in the box's PATH.
  assert.equal(
    isInstalled(nasm),
    ['nasm', 'ld'].every((t) => resolveCommand(t) !== undefined),
  );
});

test("Erlang: a program that starts with code gets escript's first line; one that has it is left alone", () => {
  const erlang = getLanguage('erlang');
  const bare = Buffer.from('main(_) -> io:format("hi~n").\n');
  assert.equal(withHeader(erlang, bare).toString(), `#!/usr/bin/env escript\n${bare.toString()}`);
  const shebang = Buffer.from('#!/usr/bin/env escript\nmain(_) -> ok.\n');
  assert.equal(withHeader(erlang, shebang), shebang);
  assert.equal(withHeader(getLanguage('python3'), bare), bare, 'other languages are staged as sent');
});
