// Hostile ICPC packages through the API. Links, huge files and floods of files are refused at upload by the
// archive's rules and caps; an output validator that forks in a loop, spins forever or writes endless feedback
// is held by its box: the submission gets IE with the reason, no box process outlives it, and the service
// judges the next submission as if nothing had happened. Ceilings are low so that the jury's limits fire quickly.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getLanguage, isInstalled } from '../../src/languages/registry.js';
import { tgz, zip } from '../helpers/archives.js';
import { boxProcesses, testSlot } from '../helpers/box.js';
import { testApp } from '../helpers/service.js';
import { until } from '../helpers/until.js';

const MiB = 1024 * 1024;
const SLOT = 478;
let t: Awaited<ReturnType<typeof testApp>>;
before(async () => {
  t = await testApp(SLOT, {
    'problems.maxUnpackedBytes': MiB,
    'problems.maxFiles': 60,
    'ceilings.cpuTime': 2,
    'ceilings.wallTime': 5,
  });
});
after(() => t.close());

const missing = (...ids: string[]) => ids.map((id) => getLanguage(id)).find((l) => !isInstalled(l));
const needs = (...ids: string[]) => {
  const l = missing(...ids);
  return l ? `${l.id} is not installed (./setup.sh --languages ${l.id})` : false;
};

/** An ICPC package's files under a top directory "p", with one test and the given extras. */
function entries(extra: Record<string, string>): Array<{ name: string; data: string }> {
  const files: Record<string, string> = {
    'problem.yaml': 'name: Echo\nvalidation: custom\n',
    '.timelimit': '1\n',
    'problem_statement/problem.en.md': '# Echo\n',
    'data/secret/1.in': '7\n',
    'data/secret/1.ans': '7\n',
    ...extra,
  };
  return Object.entries(files).map(([name, data]) => ({ name: `p/${name}`, data }));
}

async function upload(body: Buffer, type = 'application/zip') {
  return t.app.inject({ method: 'POST', url: '/v1/problems', payload: body, headers: { 'content-type': type } });
}

async function refused(body: Buffer, type: string, status: number, code: string, message: RegExp) {
  const res = await upload(body, type);
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().error.code, code, res.body);
  assert.match(res.json().error.message, message);
}

/** Submit `print(input())` and wait for the end. */
async function echo(problem: string) {
  const res = await t.app.inject({ method: 'POST', url: `/v1/problems/${problem}/submissions`, payload: { language: 'python3', source: 'print(input())' } });
  assert.equal(res.statusCode, 202, res.body);
  const url = `/v1/submissions/${res.json().id}`;
  return until(
    async () => (await t.app.inject({ url })).json(),
    (v) => v.state !== 'queued' && v.state !== 'running',
    120_000,
    'the judgement',
  );
}

/** No process of the service's slots is left once a judgement is over. */
function assertNoLeftovers() {
  for (const slot of [testSlot(SLOT), testSlot(SLOT) + 1]) assert.deepEqual(boxProcesses(slot), [], `processes left on slot ${slot}`);
}

describe('refused at upload', () => {
  test('a symbolic link in data/ or output_validators/ (zip and tar.gz), a hard link', async () => {
    const linkIn = (name: string) => [...entries({ 'output_validators/v.py': 'exit(42)\n' }), { name: `p/${name}`, data: '/etc/shadow', mode: 0o120777 }];
    await refused(zip(linkIn('data/secret/2.in')), 'application/zip', 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /symbolic link/);
    await refused(zip(linkIn('output_validators/w.py')), 'application/zip', 400, 'AIRLOCK_ERR_ARCHIVE_UNSAFE', /symbolic link/);
    await refused(
      tgz([{ name: 'p/data/secret/2.in', type: '2', link: '/etc/shadow' }, ...entries({})]),
      'application/gzip',
      400,
      'AIRLOCK_ERR_ARCHIVE_UNSAFE',
      /symbolic link/,
    );
    await refused(
      tgz([...entries({}), { name: 'p/data/secret/2.ans', type: '1', link: 'p/data/secret/1.ans' }]),
      'application/gzip',
      400,
      'AIRLOCK_ERR_ARCHIVE_UNSAFE',
      /hard link/,
    );
  });

  test('a huge test file and a flood of tests stop at the archive caps', async () => {
    const huge = [...entries({ 'output_validators/v.py': 'exit(42)\n' }), { name: 'p/data/secret/2.in', data: Buffer.alloc(2 * MiB), deflate: true }];
    await refused(zip(huge), 'application/zip', 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE', /1048576 bytes/);
    const many = Array.from({ length: 40 }, (_, i) => [
      { name: `p/data/secret/f${i}.in`, data: '1' },
      { name: `p/data/secret/f${i}.ans`, data: '1' },
    ]).flat();
    await refused(tgz([...entries({}), ...many]), 'application/gzip', 413, 'AIRLOCK_ERR_ARCHIVE_TOO_LARGE', /60/);
  });
});

describe('contained when judged', () => {
  const hostile: Array<[string, Record<string, string>, RegExp, string[]]> = [
    [
      'forks in a loop',
      { 'output_validators/bomb/validator.c': '#include <unistd.h>\nint main(void) { for (;;) fork(); }\n' },
      /the validator ended with TLE \(CPU time limit exceeded\)/,
      ['c'],
    ],
    ['loops forever', { 'output_validators/v.py': 'while True:\n    pass\n' }, /the validator ended with TLE \(CPU time limit exceeded\)/, []],
    [
      'writes endless feedback',
      { 'output_validators/v.py': 'import sys\nwith open(sys.argv[3] + "judgemessage.txt", "w") as f:\n    while True:\n        f.write("x" * 65536)\n' },
      // Python ignores SIGXFSZ: its write fails at the 1 MiB file size limit; 64 KiB of the file are read back.
      /the validator (was killed by SIGXFSZ|exited with code 1 \(42 accepts, 43 rejects\)): x{65536} … \[983040 more bytes\]/,
      [],
    ],
    [
      'floods its stdout',
      { 'output_validators/v.py': 'import sys\nwhile True:\n    sys.stdout.write("y" * 65536)\n' },
      /the validator ended with OLE \(output limit of 1048576 bytes exceeded\)/,
      [],
    ],
    [
      'as the interactor, answers and then spins',
      { 'problem.yaml': 'name: Echo\nvalidation: custom interactive\n', 'output_validators/v.py': 'print(7, flush=True)\nwhile True:\n    pass\n' },
      /the interactive validator ended with TLE/,
      [],
    ],
  ];
  for (const [what, files, reason, langs] of hostile) {
    test(`an output validator that ${what}: IE with the reason, nothing left running`, { skip: needs('python3', ...langs) }, async () => {
      const res = await upload(zip(entries(files)));
      assert.equal(res.statusCode, 201, res.body);
      const done = await echo(res.json().id);
      assert.deepEqual([done.state, done.verdict], ['done', 'IE'], JSON.stringify(done));
      assert.match(done.reason, reason);
      assert.ok(done.reason.length < 70_000, `reason of ${done.reason.length} characters`);
      assertNoLeftovers();
    });
  }

  test('the feedback directory holds only its four files: no new file, no link, none renamed or removed', { skip: needs('python3') }, async () => {
    const validator = [
      'import os, sys',
      'fb = sys.argv[3]',
      'tries = {"a new file": lambda: open(fb + "evil", "w"), "a link": lambda: os.symlink("/etc/passwd", fb + "link"),',
      '         "a rename": lambda: os.rename(fb + "teammessage.txt", fb + "other.txt"), "a removal": lambda: os.unlink(fb + "score.txt")}',
      'escaped = []',
      'for what, attempt in tries.items():',
      '    try:',
      '        attempt()',
      '        escaped.append(what)',
      '    except OSError:',
      '        pass',
      'open(fb + "judgemessage.txt", "w").write("ESCAPED: " + ", ".join(escaped) if escaped else "held")',
      'sys.exit(43 if escaped else 42)',
    ].join('\n');
    const res = await upload(zip(entries({ 'output_validators/v.py': validator })));
    assert.equal(res.statusCode, 201, res.body);
    const done = await echo(res.json().id);
    assert.deepEqual([done.verdict, done.tests[0].checker], ['AC', 'held'], JSON.stringify(done));
    assertNoLeftovers();
  });

  test('the service is unaffected: a sound ICPC package judges AC right after', { skip: needs('python3') }, async () => {
    const validator = 'import sys\nsys.exit(42 if sys.stdin.read().split() == open(sys.argv[2]).read().split() else 43)\n';
    const res = await upload(tgz(entries({ 'output_validators/v.py': validator })), 'application/gzip');
    assert.equal(res.statusCode, 201, res.body);
    const done = await echo(res.json().id);
    assert.deepEqual([done.state, done.verdict, done.score], ['done', 'AC', 100], JSON.stringify(done));
    assert.equal((await t.app.inject({ url: '/v1/problems' })).statusCode, 200);
    assertNoLeftovers();
  });
});
