// Judge0 CE 1.13.1 clients unchanged (issue 13): the official Python SDK's request sequence replayed over HTTP, and
// each of the six Judge0 items against what Judge0 CE 1.13.1 itself does (docs/compat.md).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newKey } from '../../src/auth/keys.js';
import { getLanguage, isInstalled } from '../../src/languages/registry.js';
import { testApp } from '../helpers/service.js';
import { zipOf } from './helpers.js';
import { encode, SDK_HEADERS, SDK_IDS_1_13_1, SdkClient } from './judge0-sdk-client.js';

let t: Awaited<ReturnType<typeof testApp>>;
let endpoint: string;
let sdk: SdkClient;
before(async () => {
  t = await testApp(505);
  endpoint = await t.app.listen({ port: 0, host: '127.0.0.1' });
  sdk = await SdkClient.connect(endpoint);
});
after(() => t.close());

/** Why a test that needs these airlock languages is skipped here, or false when they are all installed. */
const needs = (...ids: string[]) => {
  const missing = ids.filter((id) => !isInstalled(getLanguage(id)));
  return missing.length ? `not installed here: ${missing.join(', ')} (./setup.sh --languages ${missing.join(',')})` : false;
};
const raw = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${endpoint}${path}`, {
    method,
    headers: { ...SDK_HEADERS, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('1. /languages: Judge0 CE 1.13.1 ids, names in Judge0 form', () => {
  test('the SDK connects (GET /languages, then GET /config_info parsed as its Config) and /about says 1.13.1', async () => {
    assert.equal(await sdk.version(), '1.13.1');
    assert.equal(sdk.config.max_submission_batch_size, 20);
  });

  test('a browser sending the SDK headers gets its preflight answered (rack-cors: any header, any method)', async () => {
    const asked = 'content-type,x-auth-token,x-judge0-app,x-judge0-app-version';
    const pre = await fetch(`${endpoint}/submissions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://ide.example', 'access-control-request-method': 'POST', 'access-control-request-headers': asked },
    });
    assert.equal(pre.status, 200);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.equal(pre.headers.get('access-control-allow-headers'), asked);
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal((await raw('GET', '/languages', undefined, { origin: 'https://ide.example' })).headers.get('access-control-allow-origin'), '*');
  });

  for (const [alias, [id, ours]] of Object.entries(SDK_IDS_1_13_1)) {
    const skip = needs(ours);
    test(`${alias} (${id}) is listed, named in Judge0's form`, { skip }, () => {
      const l = sdk.languages.find((x) => x.id === id);
      assert.ok(l, `id ${id} in /languages`);
      assert.match(
        l.name,
        id === 43 ? /^Plain Text$/ : id === 44 ? /^Executable$/ : id === 89 ? /^Multi-file program$/ : /^[^()]+ \((?:[A-Za-z.#+-]+ )?\d[\w.+-]*\)$/,
      );
    });
    if (skip) test(`${alias} (${id}) is not listed while ${ours} is not installed`, () => assert.ok(!sdk.supports(id)));
  }

  test("only 1.13.1 ids are listed (1.14.0 ids 91-99 are accepted, not listed); 200 and up are airlock's own", () => {
    const active = new Set([
      43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80,
      81, 82, 83, 84, 85, 86, 87, 88, 89,
    ]);
    for (const l of sdk.languages) assert.ok(active.has(l.id) || l.id >= 200, `${l.id} ${l.name}`);
    const names = sdk.languages.map((l) => l.name);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
      'sorted by name',
    );
  });

  test('the SDK defaults run: Python 71 and C++ 52 (and C++ 54, C 50) with its create-then-poll sequence', { skip: needs('python3', 'cpp', 'c') }, async () => {
    const py = await sdk.run({ source_code: encode('print(input()[::-1])'), language_id: 71, stdin: encode('abc') });
    assert.equal(py.status, 3);
    assert.equal(py.stdout, 'cba\n');
    assert.match(String(py.token), /^[0-9a-f-]{36}$/i);
    for (const id of [52, 54]) {
      const cpp = await sdk.run({ source_code: encode('#include <iostream>\nint main(){std::cout<<"hi "<<__cplusplus<<"\\n";}'), language_id: id });
      assert.equal(cpp.status, 3, JSON.stringify(cpp));
      assert.match(String(cpp.stdout), /^hi \d+\n$/);
    }
    const c = await sdk.run({ source_code: encode('#include <stdio.h>\nint main(){puts("c");}'), language_id: 50 });
    assert.equal(c.stdout, 'c\n');
  });

  test("43 Plain Text prints the source; 44 Executable runs the upload; 1.14.0's 92 still runs Python", { skip: needs('bash', 'python3') }, async () => {
    const text = await sdk.run({ source_code: encode('  plain\ntext\n'), language_id: 43 });
    assert.equal(text.status, 3);
    assert.equal(text.stdout, '  plain\ntext\n');
    assert.equal(text.source_code, '  plain\ntext\n');
    const script = await sdk.run({ source_code: encode('#!/bin/sh\necho "exe $1"\n'), language_id: 44, command_line_arguments: 'arg' });
    assert.equal(script.stdout, 'exe arg\n', JSON.stringify(script));
    // The SDK itself refuses an id /languages does not list; a client sending 92 on its own is still served.
    assert.ok(!sdk.supports(92));
    const later = await raw('POST', '/submissions?wait=true', { source_code: 'print(6*7)', language_id: 92 });
    assert.equal(((await later.json()) as { stdout: string }).stdout, '42\n');
  });

  test("44 Executable: an ELF built on the host runs in the box, under the box's limits", { skip: needs('bash', 'c') }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-j0-exe-'));
    try {
      execFileSync('gcc', ['-x', 'c', '-o', join(dir, 'a.out'), '-'], { input: '#include <unistd.h>\nint main(){write(1, "elf\\n", 4);for(;;);}' });
      const s = await sdk.run({ source_code: readFileSync(join(dir, 'a.out')).toString('base64'), language_id: 44, cpu_time_limit: 0.5 });
      assert.equal(s.status, 5, JSON.stringify({ ...s, source_code: '(the ELF)' }));
      assert.equal(s.stdout, 'elf\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(
    '89 Multi-file program: compile.sh then run.sh from additional_files; a failing compile.sh is status 6',
    { skip: needs('bash', 'python3') },
    async () => {
      const zip = zipOf({ 'compile.sh': 'echo compiling >&2\necho built > out.txt\n', 'run.sh': 'cat out.txt\ncat data/in.txt\n', 'data/in.txt': 'data\n' });
      const s = await sdk.run({ language_id: 89, additional_files: zip });
      assert.equal(s.status, 3, JSON.stringify(s));
      assert.equal(s.stdout, 'built\ndata\n');
      assert.equal(s.source_code, null);
      const ce = await sdk.run({ language_id: 89, additional_files: zipOf({ 'compile.sh': 'echo "syntax error" >&2\nexit 1\n', 'run.sh': 'echo never\n' }) });
      assert.equal(ce.status, 6, JSON.stringify(ce));
      assert.equal(ce.compile_output, 'syntax error\n');
      assert.equal(ce.stdout, null);
      const res = await raw('POST', '/submissions', { language_id: 89, source_code: 'x' });
      assert.equal(res.status, 422);
      assert.deepEqual(await res.json(), { source_code: ['must be blank'], additional_files: ["can't be blank"] });
    },
  );
});

describe('2. expected_output compared as Judge0 (IsolateJob#strip)', () => {
  test('trailing blanks per line and at the end do not count; leading blanks and inner blank lines do', { skip: needs('python3') }, async () => {
    const cases: [string, string, number][] = [
      ['a  \nb\t\n\n\n', 'a\nb', 3],
      ['a\nb', 'a \nb\n\n', 3],
      [' a\n', 'a\n', 4],
      ['a\n\nb\n', 'a\nb\n', 4],
      ['\na\n', 'a\n', 4],
      ['a\r\n', 'a\n', 3],
    ];
    const subs = await sdk.createMany(
      cases.map(([out, expected]) => ({
        language_id: 71,
        source_code: encode(`import sys; sys.stdout.write(${JSON.stringify(out)})`),
        expected_output: encode(expected),
      })),
    );
    await sdk.wait(subs);
    cases.forEach(([out, expected, status], i) => assert.equal(subs[i]!.status, status, `${JSON.stringify(out)} against ${JSON.stringify(expected)}`));
  });
});

describe('3. C and C++ as Judge0 compiles them (plain gcc/g++, no -O2)', () => {
  test("1/0 is a runtime error: Bash's exit 136 (128 + SIGFPE), status 11, exit_signal null", { skip: needs('c', 'cpp') }, async () => {
    for (const [id, src] of [
      [50, 'int main(){int a=1,b=0;return a/b;}'],
      [52, 'int main(){int a=1,b=0;return a/b;}'],
      [54, '#include <cstdio>\nint main(){int a=1,b=0;std::printf("%d\\n",a/b);}'],
    ] as const) {
      const s = await sdk.run({ source_code: encode(src), language_id: id });
      assert.equal(s.status, 11, `${id}: ${JSON.stringify(s)}`);
      assert.equal(s.exit_code, 136);
      assert.equal(s.exit_signal, null);
      // message is base64 like the other texts (Judge0's serializer), which the SDK leaves as it is.
      assert.equal(Buffer.from(String(s.message), 'base64').toString(), 'Exited with error status 136');
    }
  });
});

describe('4. output above max_file_size', () => {
  test('cut at max_file_size KB, and the SIGXFSZ seen through Bash: status 11, exit code 153', { skip: needs('c') }, async () => {
    const big = encode("#include <stdio.h>\nint main(){for(int i=0;i<3*1024*1024;i++)putchar('x');return 0;}");
    const cut = await sdk.run({ source_code: big, language_id: 50 });
    assert.equal(cut.status, 11, JSON.stringify({ ...cut, stdout: String(cut.stdout).length }));
    assert.equal(cut.exit_code, 153);
    assert.equal(String(cut.stdout).length, 1024 * 1024, 'the default max_file_size, 1024 KB');
    const room = await sdk.run({ source_code: big, language_id: 50, max_file_size: 4096 });
    assert.equal(room.status, 3);
    assert.equal(String(room.stdout).length, 3 * 1024 * 1024);
  });
});

describe('5. X-Auth-Token that is not an airlock key', () => {
  test('ignored while anonymous callers are served: the SDK with a Judge0 token connects and runs', { skip: needs('python3') }, async () => {
    const foreign = { 'X-Auth-Token': 'f6583e60-b13b-4228-b554-2eb332ca64e7' };
    assert.equal((await raw('POST', '/authenticate', undefined, foreign)).status, 200);
    const c = await SdkClient.connect(endpoint, foreign);
    assert.equal((await c.run({ source_code: encode('print("anon")'), language_id: 71 })).stdout, 'anon\n');
    // A token shaped like an airlock key is still checked, so a revoked key is noticed.
    const bad = await raw('POST', '/authenticate', undefined, { 'X-Auth-Token': 'ak_revoked' });
    assert.equal(bad.status, 401);
    assert.equal(await bad.text(), '');
  });
});

describe('6. validation and routes as Judge0 CE 1.13.1', () => {
  test("422 bodies with Judge0's words", { skip: needs('python3') }, async () => {
    const cases: [object, object][] = [
      [{ memory_limit: 2047 }, { memory_limit: ['must be greater than or equal to 2048'] }],
      [{ wall_time_limit: 0.5 }, { wall_time_limit: ['must be greater than or equal to 1'] }],
      [{ wall_time_limit: 21 }, { wall_time_limit: ['must be less than or equal to 20.0'] }],
      [{ cpu_time_limit: -1 }, { cpu_time_limit: ['must be greater than or equal to 0'] }],
      [{ number_of_runs: 0 }, { number_of_runs: ['must be greater than 0'] }],
      [{ max_processes_and_or_threads: 0 }, { max_processes_and_or_threads: ['must be greater than 0'] }],
      [{ compiler_options: '-O2' }, { compiler_options: ['setting compiler options is only allowed for compiled languages'] }],
      [{ enable_network: true }, { enable_network: ['enabling network is not allowed'] }],
      [{ language_id: 34 }, { language_id: ['language with id 34 is archived and cannot be used anymore'] }],
      [{ language_id: 4 }, { language_id: ['language with id 4 is archived and cannot be used anymore'] }],
      [{ language_id: 47 }, { language_id: ["language with id 47 doesn't exist"] }],
    ];
    for (const [extra, errors] of cases) {
      const res = await raw('POST', '/submissions?base64_encoded=true&wait=false', { source_code: encode('print(1)'), language_id: 71, ...extra });
      assert.equal(res.status, 422, JSON.stringify(extra));
      assert.deepEqual(await res.json(), errors, JSON.stringify(extra));
    }
    // Blank compiler options are no options; a compiled language takes them.
    assert.equal((await raw('POST', '/submissions', { source_code: 'print(1)', language_id: 71, compiler_options: ' ' })).status, 201);
  });

  test("/isolate and /license are plain text, /statistics has Judge0's shape, /authenticate 200, /authorize 403 without a key", async () => {
    const isolate = await raw('GET', '/isolate');
    assert.equal(isolate.status, 200);
    assert.match(isolate.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await isolate.text(), /sandbox/);
    const license = await raw('GET', '/license');
    assert.match(license.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(await license.text(), /License/);
    const stats = (await (await raw('GET', '/statistics')).json()) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(stats).sort(), ['cached_until', 'created_at', 'database', 'languages', 'statuses', 'submissions']);
    assert.equal(typeof stats.submissions!.total, 'number');
    assert.equal(Object.keys(stats.submissions!.last_30_days as object).length, 30);
    const authn = await raw('POST', '/authenticate');
    assert.equal(authn.status, 200);
    assert.equal(await authn.text(), '');
    const authz = await raw('POST', '/authorize');
    assert.equal(authz.status, 403);
    assert.equal(await authz.text(), '');
    const k = newKey('judge0-admin', {});
    await t.parts.store.createKey(k.record);
    assert.equal((await raw('POST', '/authorize', undefined, { 'X-Auth-User': k.token })).status, 200);
  });

  test("/languages/:id and /languages/all: active ids, and archived ones with Judge0's names", { skip: needs('c') }, async () => {
    const one = (await (await raw('GET', '/languages/50')).json()) as Record<string, unknown>;
    assert.equal(one.is_archived, false);
    assert.match(String(one.compile_cmd), /^gcc /);
    assert.doesNotMatch(String(one.compile_cmd), /-O2/);
    assert.deepEqual(await (await raw('GET', '/languages/4')).json(), {
      id: 4,
      name: 'C (gcc 7.2.0)',
      is_archived: true,
      source_file: null,
      compile_cmd: null,
      run_cmd: null,
    });
    const all = (await (await raw('GET', '/languages/all')).json()) as { id: number; is_archived: boolean }[];
    assert.ok(all.some((l) => l.id === 4 && l.is_archived));
    assert.ok(all.some((l) => l.id === 50 && !l.is_archived));
  });
});
