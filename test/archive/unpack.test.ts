// The archive reader against Debian's tar and zip (GNU, pax and ustar long names, directories) and against
// hand-made archives that break the rules; a refused archive never writes outside its target directory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sniffFormat, unpack } from '../../src/archive/unpack.js';
import { tar, tgz, zip } from '../helpers/archives.js';

const caps = { maxBytes: 1 << 20, maxFiles: 100, maxDepth: 12 };
const fresh = () => mkdtempSync(join(tmpdir(), 'airlock-unpack-'));

/** A tree with a name longer than ustar's 100 bytes and a deep directory. */
function sampleTree(): string {
  const root = fresh();
  const long = `${'d'.repeat(60)}/${'e'.repeat(60)}/${'n'.repeat(90)}.txt`;
  mkdirSync(join(root, 'pkg', 'd'.repeat(60), 'e'.repeat(60)), { recursive: true });
  writeFileSync(join(root, 'pkg', long), 'long\n');
  mkdirSync(join(root, 'pkg', 'empty'));
  writeFileSync(join(root, 'pkg', 'ü-name.txt'), 'utf8\n');
  return root;
}

for (const format of ['gnu', 'posix', 'ustar'] as const) {
  test(`Debian's tar --format=${format}: long names, empty directories and UTF-8 names come out as they went in`, async () => {
    const src = sampleTree();
    const archive = execFileSync('tar', ['czf', '-', `--format=${format}`, '-C', src, 'pkg']);
    assert.equal(sniffFormat(archive), 'tar.gz');
    const out = fresh();
    const r = await unpack(archive, 'tar.gz', out, caps);
    execFileSync('diff', ['-r', join(src, 'pkg'), join(out, 'pkg')]);
    assert.equal(r.bytes, 10);
  });
}

test("Debian's zip: the same tree", async () => {
  const src = sampleTree();
  const archive = execFileSync('zip', ['-qr', '-', 'pkg'], { cwd: src });
  const out = fresh();
  await unpack(archive, 'zip', out, caps);
  execFileSync('diff', ['-r', join(src, 'pkg'), join(out, 'pkg')]);
});

test('a refused entry stops the unpacking; nothing is written outside the target', async () => {
  const base = fresh();
  const target = join(base, 'target');
  mkdirSync(target);
  const cases: Array<[Buffer, 'tar' | 'tar.gz' | 'zip', string]> = [
    [tar([{ name: 'a/../../escaped', data: 'x' }]), 'tar', 'AIRLOCK_ERR_ARCHIVE_UNSAFE'],
    [zip([{ name: '../escaped', data: 'x' }]), 'zip', 'AIRLOCK_ERR_ARCHIVE_UNSAFE'],
    // The classic two-step: a link to the outside, then a file written "through" it.
    [
      tgz([
        { name: 'link', type: '2', link: '..' },
        { name: 'link/escaped', data: 'x' },
      ]),
      'tar.gz',
      'AIRLOCK_ERR_ARCHIVE_UNSAFE',
    ],
    [
      zip([
        { name: 'link', data: '..', mode: 0o120777 },
        { name: 'link/escaped', data: 'x' },
      ]),
      'zip',
      'AIRLOCK_ERR_ARCHIVE_UNSAFE',
    ],
    [
      tar([
        { name: 'x', data: '1' },
        { name: 'x', data: '2' },
      ]),
      'tar',
      'AIRLOCK_ERR_BAD_ARCHIVE',
    ],
    [
      tar([
        { name: 'x', data: '1' },
        { name: 'x/y', data: '2' },
      ]),
      'tar',
      'AIRLOCK_ERR_BAD_ARCHIVE',
    ],
    [tar([{ name: 'x', data: '1', size: 5000 }]).subarray(0, 1024), 'tar', 'AIRLOCK_ERR_BAD_ARCHIVE'],
    [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]), 'zip', 'AIRLOCK_ERR_BAD_ARCHIVE'],
  ];
  for (const [archive, format, code] of cases) {
    const dir = mkdtempSync(join(target, 'x-'));
    await assert.rejects(unpack(archive, format, dir, caps), { code }, `${format} ${code}`);
  }
  assert.deepEqual(readdirSync(base), ['target']);
  assert.ok(!existsSync(join(base, 'escaped')));
});

test('a damaged zip: a corrupt byte fails the CRC, a local name differing from the central one is refused', async () => {
  const good = zip([{ name: 'a.txt', data: 'hello world', deflate: false }]);
  const corrupt = Buffer.from(good);
  corrupt[30 + 5] = corrupt[30 + 5]! ^ 0xff;
  await assert.rejects(unpack(corrupt, 'zip', fresh(), caps), { code: 'AIRLOCK_ERR_BAD_ARCHIVE', message: /CRC/ });
  const renamed = Buffer.from(good);
  renamed.write('b', 30, 'latin1');
  await assert.rejects(unpack(renamed, 'zip', fresh(), caps), { code: 'AIRLOCK_ERR_BAD_ARCHIVE', message: /local header names another file/ });
  const out = fresh();
  await unpack(good, 'zip', out, caps);
  assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'hello world');
});
