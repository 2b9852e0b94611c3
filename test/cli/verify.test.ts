// `airlock judge --verify DIR` as a package author runs it: every submission in the example ICPC packages
// gets what its folder says, and a misplaced one (an accepted solution in wrong_answer/) is reported and
// fails the command. Real boxes; a package whose languages are not installed here is skipped, saying which.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { FOLDERS, type VerifyRow } from '../../src/cli/verify.js';
import { isInstalled, languageForFile } from '../../src/languages/registry.js';
import { repoRoot } from '../helpers/box.js';

const exec = promisify(execFile);
const cli = join(repoRoot, 'dist/src/cli/main.js');
const examples = join(repoRoot, 'examples/problems-icpc');

async function airlock(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [cli, ...args], { cwd: repoRoot, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Every submission of a package as "folder/name", in the order --verify reports them. */
function submissions(dir: string): string[] {
  return FOLDERS.flatMap((folder) => {
    try {
      return readdirSync(join(dir, 'submissions', folder))
        .filter((n) => !n.startsWith('.'))
        .sort()
        .map((n) => `${folder}/${n}`);
    } catch {
      return [];
    }
  });
}

/** Why a package cannot be verified here: a language of its submissions or validators that is not installed. */
function missingLanguage(dir: string): string | false {
  const validators = join(dir, 'output_validators');
  let programs: string[] = submissions(dir).map((s) => join(dir, 'submissions', s));
  try {
    programs = [...programs, ...readdirSync(validators, { recursive: true }).map((n) => join(validators, String(n)))];
  } catch {
    /* the default validator */
  }
  for (const file of programs) {
    let lang;
    try {
      lang = languageForFile(file);
    } catch {
      continue; // headers and the like
    }
    if (!isInstalled(lang)) return `${lang.id} is not installed (./setup.sh --languages ${lang.id})`;
  }
  return false;
}

/** The verdict a folder promises, as the summary row shows it. */
const promised: Record<string, (r: VerifyRow) => boolean> = {
  accepted: (r) => r.verdict === 'AC' && r.score === r.maxScore,
  partially_accepted: (r) => r.verdict === 'AC' && r.score > 0 && r.score < r.maxScore,
  wrong_answer: (r) => r.verdict === 'WA',
  time_limit_exceeded: (r) => r.verdict === 'TLE',
  run_time_error: (r) => r.verdict === 'RE',
};

for (const name of readdirSync(examples).sort()) {
  const dir = join(examples, name);
  test(`--verify examples/problems-icpc/${name}: every submission as its folder says`, { skip: missingLanguage(dir) }, async () => {
    const r = await airlock('judge', '--verify', dir, '--json', '--slots', '2');
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(r.stdout) as { ok: boolean; submissions: VerifyRow[] };
    assert.equal(out.ok, true);
    assert.deepEqual(
      out.submissions.map((s) => s.submission),
      submissions(dir),
    );
    for (const s of out.submissions) {
      assert.equal(s.skipped, undefined, `${s.submission}: ${s.skipped}`);
      assert.ok(s.ok && promised[s.submission.split('/')[0]!]!(s), `${s.submission}: ${s.verdict} ${s.score}/${s.maxScore}: ${s.reason}`);
    }
  });
}

test(
  '--verify reports a misplaced submission (an accepted one in wrong_answer/) and exits 1',
  { skip: missingLanguage(join(examples, 'hypotenuse')) },
  async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'airlock-verify-')), 'hypotenuse');
    cpSync(join(examples, 'hypotenuse'), dir, { recursive: true });
    // Two submissions keep it short: one where it belongs, one misplaced.
    for (const s of submissions(dir)) if (s !== 'accepted/hypot.c') rmSync(join(dir, 'submissions', s));
    cpSync(join(dir, 'submissions/accepted/hypot.c'), join(dir, 'submissions/wrong_answer/hypot_copy.c'));
    const r = await airlock('judge', '--verify', dir);
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^accepted\/hypot\.c +AC 100\/100 +ok$/m);
    assert.match(r.stdout, /^wrong_answer\/hypot_copy\.c +AC 100\/100 +MISMATCH: expected WA; /m);
    assert.match(r.stdout, /\n1 of 2 submissions not as their folder says\n$/);
    const j = await airlock('judge', '--verify', dir, '--json');
    assert.equal(j.code, 1);
    const out = JSON.parse(j.stdout) as { ok: boolean; submissions: VerifyRow[] };
    assert.equal(out.ok, false);
    assert.deepEqual(
      out.submissions.map((s) => [s.submission, s.verdict, s.ok]),
      [
        ['accepted/hypot.c', 'AC', true],
        ['wrong_answer/hypot_copy.c', 'AC', false],
      ],
    );
  },
);

test(
  '--verify: a submission that is a symbolic link or holds a subdirectory is reported, not judged nor a crash',
  { skip: missingLanguage(join(examples, 'hypotenuse')) },
  async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'airlock-verify-')), 'hypotenuse');
    cpSync(join(examples, 'hypotenuse'), dir, { recursive: true });
    for (const s of submissions(dir)) if (s !== 'accepted/exponent.py') rmSync(join(dir, 'submissions', s));
    mkdirSync(join(dir, 'submissions/accepted/multi/nested'), { recursive: true });
    cpSync(join(dir, 'submissions/accepted/exponent.py'), join(dir, 'submissions/accepted/multi/main.py'));
    symlinkSync('/etc/passwd', join(dir, 'submissions/accepted/link.py'));
    const r = await airlock('judge', '--verify', dir, '--json');
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /EISDIR|\bat /);
    const rows = (JSON.parse(r.stdout) as { submissions: VerifyRow[] }).submissions;
    assert.deepEqual(
      rows.map((s) => [s.submission, s.verdict, s.ok]),
      [
        ['accepted/exponent.py', 'AC', true],
        ['accepted/link.py', '-', false],
        ['accepted/multi', '-', false],
      ],
    );
    assert.match(rows[1]!.reason, /a symbolic link/);
    assert.match(rows[2]!.reason, /nested is not a regular file/);
  },
);

test('--verify: a package with no submissions exits 1 saying so; an invalid package exits 2', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'airlock-verify-')), 'hypotenuse');
  cpSync(join(examples, 'hypotenuse'), dir, { recursive: true });
  rmSync(join(dir, 'submissions'), { recursive: true });
  const none = await airlock('judge', '--verify', dir);
  assert.equal(none.code, 1, none.stderr);
  assert.match(none.stdout, /^no submissions in submissions\//m);
  rmSync(join(dir, 'data'), { recursive: true });
  const bad = await airlock('judge', '--verify', dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /data: data does not exist[\s\S]*AIRLOCK_ERR_BAD_PROBLEM/);
});
