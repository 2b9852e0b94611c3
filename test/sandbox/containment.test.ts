// Escape and exhaustion attempts against a real box, each followed by host-side checks.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { boxProcesses, cgroupModes, hostSentinel, hostSnapshot, leftovers, runProbe, said, testSlot, text } from '../helpers/box.js';
import { int80Reaches } from '../helpers/host-abi.js';
import type { BoxLimits } from '../../src/sandbox/limits.js';
import type { BoxResult } from '../../src/sandbox/run.js';

const SLOT = testSlot(100);
const MB = 1024 * 1024;

for (const mode of cgroupModes()) {
  describe(`containment (cgroup ${mode})`, () => {
    /** Run the probe, then insist the host is as it was. */
    async function contained(args: string[], limits: Partial<BoxLimits> = {}, slot = SLOT): Promise<BoxResult> {
      const before = hostSnapshot();
      const r = await runProbe(slot, args, limits, { cgroup: mode });
      assert.deepEqual(await leftovers(slot, before), [], `after probe ${args.join(' ')}`);
      return r;
    }

    test('busy loop: TLE on CPU time', async () => {
      const r = await contained(['spin'], { cpuTime: 0.5, wallTime: 5 });
      assert.equal(r.status, 'TLE', said(r));
      assert.match(r.message, /CPU time/);
      assert.ok(r.cpuTime >= 0.5 && r.cpuTime < 0.8, `cpu ${r.cpuTime}`);
    });

    test('sleep forever: TLE on wall time', async () => {
      const r = await contained(['sleep'], { cpuTime: 2, wallTime: 0.5 });
      assert.equal(r.status, 'TLE', said(r));
      assert.match(r.message, /wall time/);
      assert.ok(r.wallTime >= 0.5 && r.wallTime < 1, `wall ${r.wallTime}`);
    });

    test('8 busy threads: TLE on the summed CPU time', async () => {
      const r = await contained(['threads', '8'], { cpuTime: 1, wallTime: 10 });
      assert.equal(r.status, 'TLE', said(r));
      assert.match(r.message, /CPU time/);
      // The limit is on the sum over threads (on an idle multi-core host the sum also outruns the clock).
      assert.ok(r.cpuTime >= 1 && r.cpuTime < 1.5, `cpu ${r.cpuTime}`);
    });

    test('malloc and touch: MLE from the cgroup OOM event', async () => {
      const r = await contained(['malloc'], { memory: 64 * MB });
      assert.equal(r.status, 'MLE', said(r));
      assert.equal(r.oomKilled, true);
      assert.ok(r.memory <= 64 * MB && r.memory > 48 * MB, `peak ${r.memory}`);
    });

    test('fork bomb: contained, host process count back to baseline', async () => {
      const count = () => boxProcesses(SLOT).length;
      const r = await contained(['forkbomb'], { cpuTime: 1, wallTime: 2, processes: 32 });
      assert.ok(['TLE', 'RE'].includes(r.status), r.status);
      assert.equal(count(), 0);
    });

    test('thread bomb: stopped at the process limit', async () => {
      const r = await contained(['threadbomb'], { wallTime: 1, processes: 40 });
      assert.equal(r.status, 'TLE', said(r));
      const made = Number(/threads: (\d+)/.exec(text(r))?.[1]);
      assert.ok(made > 0 && made < 40, text(r));
    });

    test('infinite recursion: RE with SIGSEGV', async () => {
      const r = await contained(['recurse'], { stack: 8 * MB });
      assert.equal(r.status, 'RE', said(r));
      assert.equal(r.signal, 11);
    });

    test('1 GB file: stopped at the file-size limit, no host disk used', async () => {
      const r = await contained(['bigfile', '/box/big'], { fileSize: 16 * MB, disk: 64 * MB });
      assert.equal(r.status, 'OK', said(r));
      assert.match(text(r), /wrote 16777216 bytes then EFBIG/);
    });

    test('disk fill: stopped by the tmpfs size', async () => {
      const r = await contained(['bigfile', '/tmp/big'], { fileSize: 512 * MB, disk: 8 * MB, memory: 256 * MB });
      assert.equal(r.status, 'OK', said(r));
      assert.match(text(r), /then ENOSPC/);
    });

    test('/dev/shm fill: shares the same cap', async () => {
      const r = await contained(['bigfile', '/dev/shm/big'], { fileSize: 512 * MB, disk: 8 * MB });
      assert.match(text(r), /then ENOSPC/);
    });

    test('100k files: stopped by the inode cap', async () => {
      const r = await contained(['manyfiles', '/box'], { inodes: 1000 });
      assert.match(text(r), /created \d+ files then ENOSPC/);
      assert.ok(Number(/created (\d+)/.exec(text(r))?.[1]) <= 1000);
    });

    test('stdout flood: OLE, the output kept at the cap', async () => {
      const r = await contained(['flood'], { output: 1 * MB });
      assert.equal(r.status, 'OLE', said(r));
      assert.equal(r.stdout.length, 1 * MB);
    });

    test('double-fork daemon: gone after the run', async () => {
      const r = await contained(['daemon']);
      assert.equal(r.status, 'OK', said(r));
      assert.match(text(r), /daemonized/);
    });

    test('kill(-1): reaches only its own box', async () => {
      // A host process with the box's uid: visible to kill(-1) only if the pid namespace leaked.
      const sentinel = hostSentinel(SLOT);
      await new Promise((r) => setTimeout(r, 100));
      try {
        const r = await runProbe(SLOT, ['killall'], {}, { cgroup: mode });
        assert.equal(r.status, 'OK', said(r));
        assert.equal(sentinel.exitCode, null);
        assert.equal(sentinel.signalCode, null, 'the host process was killed from inside the box');
      } finally {
        sentinel.kill('SIGKILL');
        await new Promise((r) => sentinel.once('exit', r));
      }
    });

    for (const path of ['/etc/shadow', '/root', '/home', '/proc/1/environ', '/var/lib', '/run', '/sys/kernel']) {
      test(`read ${path}: absent`, async () => {
        const r = await contained(['read', path]);
        assert.match(text(r), /denied (ENOENT|EACCES)/);
      });
    }

    test('write /usr: EROFS', async () => {
      const r = await contained(['write', '/usr/evil']);
      assert.match(text(r), /denied EROFS/);
    });

    describe('network', () => {
      let tcpPort = 0;
      let udpPort = 0;
      let tcpHits = 0;
      let udpHits = 0;
      const tcp = createServer((s) => {
        tcpHits++;
        s.destroy();
      });
      const udp = createSocket('udp4');
      before(async () => {
        await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
        tcpPort = (tcp.address() as { port: number }).port;
        udp.on('message', () => udpHits++);
        await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
        udpPort = udp.address().port;
      });
      after(() => {
        tcp.close();
        udp.close();
      });

      test('TCP to a host server on 127.0.0.1: fails', async () => {
        const r = await contained(['tcp', '127.0.0.1', String(tcpPort)]);
        assert.match(text(r), /denied/);
        assert.equal(tcpHits, 0);
      });

      test('UDP and DNS: fail', async () => {
        const u = await contained(['udp', '127.0.0.1', String(udpPort)]);
        assert.match(text(u), /denied/);
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(udpHits, 0);
        const d = await contained(['dns']);
        assert.match(text(d), /dns: denied/);
      });
    });

    for (const family of ['raw', 'packet', 'alg', 'vsock', 'netlink', 'inet6']) {
      test(`${family} socket: denied`, async () => {
        const r = await contained(['socket', family]);
        assert.match(text(r), new RegExp(`${family}: denied EAFNOSUPPORT`));
      });
    }

    for (const call of ['mount', 'unshare', 'setns', 'ptrace', 'chroot', 'clone_newns']) {
      test(`${call}: SV`, async () => {
        const r = await contained(['syscall', call]);
        assert.equal(r.status, 'SV', `${r.status} ${text(r)}`);
        if (call !== 'clone_newns') assert.match(r.message, new RegExp(`forbidden system call: ${call === 'clone_newns' ? 'clone' : call}`));
      });
    }

    for (const call of ['keyctl', 'bpf', 'io_uring_setup', 'userfaultfd', 'perf_event_open', 'clone3']) {
      test(`${call}: ENOSYS`, async () => {
        const r = await contained(['syscall', call]);
        assert.equal(r.status, 'OK', said(r));
        assert.match(text(r), new RegExp(`${call}: denied ENOSYS`));
      });
    }

    for (const abi of ['x32', 'int80']) {
      // A kernel with 32-bit emulation switched off kills int 0x80 itself (SIGSEGV) before the filter sees it.
      const kernelRefuses = abi === 'int80' && !int80Reaches();
      test(`${abi} syscall: ${kernelRefuses ? 'RE by SIGSEGV (32-bit calls off in this kernel)' : 'SV'}`, async () => {
        const r = await contained([abi]);
        assert.equal(r.status, kernelRefuses ? 'RE' : 'SV');
        assert.equal(r.signal, kernelRefuses ? 11 : 31);
        assert.doesNotMatch(text(r), /ALLOWED/);
      });
    }

    test('TIOCSTI: SV', async () => {
      const r = await contained(['tiocsti']);
      assert.equal(r.status, 'SV', said(r));
    });

    test('files left in /tmp and /dev/shm: invisible to the next run', async () => {
      const first = await contained(['leave']);
      assert.doesNotMatch(text(first), /denied/);
      for (const dir of ['/tmp', '/dev/shm', '/box']) {
        const next = await contained(['list', dir]);
        assert.doesNotMatch(text(next), /leftover/, `${dir} after the previous run`);
      }
    });

    test('environment: only what the box was given', async () => {
      process.env.AIRLOCK_TEST_SECRET = 'hunter2';
      try {
        const r = await contained(['env']);
        assert.doesNotMatch(text(r), /hunter2|AIRLOCK_TEST_SECRET/);
        const names = text(r).trim().split('\n').map((l) => l.split('=')[0]).sort();
        assert.deepEqual(names, ['HOME', 'LANG', 'LC_ALL', 'PATH', 'TMPDIR']);
      } finally {
        delete process.env.AIRLOCK_TEST_SECRET;
      }
    });

    test('two boxes in parallel: neither sees the other', async () => {
      const before = hostSnapshot();
      const a = runProbe(SLOT + 1, ['daemon'], {}, { cgroup: mode });
      await a;
      const [left, right] = await Promise.all([
        runProbe(SLOT + 2, ['write', '/box/mine'], {}, { cgroup: mode }).then(() => runProbe(SLOT + 2, ['list', '/proc'], {}, { cgroup: mode })),
        runProbe(SLOT + 3, ['list', '/box'], {}, { cgroup: mode }),
      ]);
      // /proc in a box lists its own pids only: 1 (init, hidden) and the probe itself.
      const pids = text(left).split('\n').filter((l) => /^\/proc\/\d+$/.test(l));
      assert.deepEqual(pids, ['/proc/2']);
      assert.doesNotMatch(text(right), /mine/);
      for (const s of [SLOT + 1, SLOT + 2, SLOT + 3]) assert.deepEqual(await leftovers(s, before), []);
    });
  });
}
