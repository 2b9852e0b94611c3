// deploy/packer/airlock.pkr.hcl checked with Debian's packer (`packer validate`), offline: the image
// checksum is given so that validation downloads nothing; the build itself needs QEMU and the network.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/box.js';
import { run, tool } from './tools.js';

test('packer validate accepts the template', { skip: tool('packer') ? false : 'packer is not installed (setup.sh installs Debian\'s)' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-packer-'));
  try {
    const tarball = join(dir, 'airlock.tar.gz');
    writeFileSync(tarball, '');
    const r = run(['packer', 'validate', '-var', `airlock_tarball=${tarball}`, '-var', `debian_image_checksum=sha512:${'0'.repeat(128)}`, 'airlock.pkr.hcl'], join(repoRoot, 'deploy/packer'));
    assert.equal(r.status, 0, r.output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the provisioning script is valid bash and installs every deploy/ file', () => {
  const script = join(repoRoot, 'deploy/packer/provision.sh');
  assert.equal(run(['bash', '-n', script]).status, 0);
  const text = readFileSync(script, 'utf8');
  for (const f of ['airlock-cgroup-enter', 'airlock.slice', '90-airlock.conf', 'nginx/airlock.conf', 'ssh/airlock.conf', 'fail2ban/airlock.local', 'airlock.nft', 'build-rootfs.sh']) {
    assert.ok(text.includes(f), f);
  }
});
