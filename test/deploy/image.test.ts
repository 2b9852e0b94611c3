// deploy/image/build-rootfs.sh for real: a minimal image (gcc, libc6-dev, python3) built with
// mmdebstrap from Debian's mirror, then boxes on it with --root: C compiled and run, Python run,
// /usr and /etc from the image. The image is kept in /var/tmp keyed by the script's hash, so a
// machine builds it once. AIRLOCK_TEST_IMAGE=core (the default set) or all builds a larger image instead.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Engine } from '../../src/engine/execute.js';
import { defaultRunLimits } from '../../src/sandbox/limits.js';
import { runBox } from '../../src/sandbox/run.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { repoRoot, testSlot } from '../helpers/box.js';
import { tool } from './tools.js';

const script = join(repoRoot, 'deploy/image/build-rootfs.sh');
const languages = ['core', 'all'].includes(process.env.AIRLOCK_TEST_IMAGE ?? '') ? process.env.AIRLOCK_TEST_IMAGE! : 'minimal';
const key = createHash('sha256').update(readFileSync(script)).update(languages).digest('hex').slice(0, 12);
const image = `/var/tmp/airlock-rootfs-${languages}-${key}`;
const skip = !tool('mmdebstrap') ? 'mmdebstrap is not installed (setup.sh installs it)' : process.geteuid?.() !== 0 ? 'needs root' : false;
const SLOT = testSlot(730);

describe(`boxes on an mmdebstrap image (${languages})`, { skip, timeout: 30 * 60_000 }, () => {
  before(() => {
    if (existsSync(join(image, 'etc/airlock-image'))) return;
    // Build next to the final place, then rename: an interrupted build never looks finished.
    const partial = `${image}.partial`;
    rmSync(partial, { recursive: true, force: true });
    execFileSync(script, ['--languages', languages, partial], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 25 * 60_000 });
    renameSync(partial, image);
  });

  test('the image holds only what packages put there, plus its own stamp', () => {
    const stamp = readFileSync(join(image, 'etc/airlock-image'), 'utf8');
    assert.match(stamp, new RegExp(`languages=${languages}`));
    for (const hostOnly of ['etc/resolv.conf', 'etc/hostname', 'etc/machine-id', 'etc/ssh', 'root/.ssh']) {
      assert.ok(!existsSync(join(image, hostOnly)), `${hostOnly} is in the image`);
    }
    const lists = join(image, 'var/lib/apt/lists');
    assert.deepEqual(existsSync(lists) ? readdirSync(lists).filter((n) => n !== 'lock' && n !== 'partial') : [], [], 'package lists left in the image');
    assert.ok(existsSync(join(image, 'usr/bin/gcc')) && existsSync(join(image, 'usr/bin/python3')));
  });

  test('/usr and /etc in the box come from the image', async () => {
    const id = readFileSync(join(image, 'usr/share/airlock/image-id'), 'utf8');
    const r = await runBox({
      command: ['/bin/sh', '-c', 'cat /usr/share/airlock/image-id /etc/airlock-image'],
      slot: SLOT,
      root: image,
      etc: ['airlock-image'],
      limits: { ...defaultRunLimits, cpuTime: 2, wallTime: 5 },
    });
    assert.equal(r.status, 'OK', r.message + r.stderr.toString());
    assert.equal(r.stdout.toString(), id + readFileSync(join(image, 'etc/airlock-image'), 'utf8'));
    assert.ok(!existsSync('/usr/share/airlock/image-id'), 'the host has no such file: the box did not read the host /usr');
  });

  test('C compiled by the image\'s gcc and run, and Python, through the engine', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'airlock-image-engine-'));
    try {
      const engine = new Engine({ workDir, slots: new SlotPool(1, SLOT), sandbox: { root: image } });
      const c = await engine.execute({ language: 'c', files: [{ name: 'hello.c', content: Buffer.from('#include <stdio.h>\nint main(void){puts("hello from the image");return 0;}\n') }] });
      assert.equal(c.compile?.status, 'OK', c.compile?.stderr.toString());
      assert.equal(c.status, 'OK');
      assert.equal(c.stdout.toString(), 'hello from the image\n');
      const py = await engine.execute({ language: 'python3', files: [{ name: 'hello.py', content: Buffer.from('import sys\nprint("hello", sys.version_info[0])\n') }] });
      assert.equal(py.status, 'OK', py.stderr.toString());
      assert.equal(py.stdout.toString(), 'hello 3\n');
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
