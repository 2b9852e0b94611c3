#!/usr/bin/env node
// Runs the compiled test files (dist/test/**/*.test.js) one file at a time.
// Usage: node scripts/test.mjs [substring ...]   e.g. node scripts/test.mjs sandbox
//        node scripts/test.mjs --rootless [substring ...]: only the rootless pass, over the matching sandbox/attack files
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const onlyRootless = process.argv[2] === '--rootless';
const filters = process.argv.slice(onlyRootless ? 3 : 2);

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = find(join(root, 'dist/test'))
  .filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}
if (onlyRootless) {
  const { status, skipped } = runRootless(files);
  if (skipped) console.error(`test: skipping the rootless run: ${skipped}`);
  process.exit(status ?? 1);
}
// One file at a time: sandbox tests own fixed slots and host-wide state.
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

// The launcher built with AddressSanitizer and UndefinedBehaviorSanitizer (make -C sandbox sanitize): the sandbox
// tests and the launcher fuzzers again over it, so a memory or UB error anywhere they reach fails the suite.
// AIRLOCK_SANITIZER_TESTS=0 skips it.
if (filters.length === 0 && process.env.AIRLOCK_SANITIZER_TESTS !== '0') {
  console.error('test: running the sandbox tests again over the launcher built with ASan and UBSan');
  const make = spawnSync('make', ['-s', '-C', join(root, 'sandbox'), 'sanitize'], { stdio: 'inherit' });
  if (make.status !== 0) process.exit(make.status ?? 1);
  const sanFiles = find(join(root, 'dist/test'))
    .filter((f) => /\/sandbox\/|\/attacks\/launcher-fuzz|\/attacks\/daemon-fuzz/.test(f))
    .sort();
  const san = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...sanFiles], {
    stdio: 'inherit',
    env: { ...process.env, AIRLOCK_SANDBOX: join(root, 'sandbox/build-san/airlock-sandbox') },
  });
  if (san.status !== 0) process.exit(san.status ?? 1);
}

// Scale-out: the service's API tests again, each service now an API node and a worker over the machine's Redis
// and PostgreSQL (test/helpers/service.ts), as the issue asks. AIRLOCK_CLUSTER_TESTS=0 skips it.
if (filters.length === 0 && process.env.AIRLOCK_CLUSTER_TESTS !== '0') {
  console.error('test: running the API tests again against a cluster (BullMQ on Redis, PostgreSQL)');
  const clusterFiles = find(join(root, 'dist/test'))
    .filter((f) => /\/api\/(runs|stream|stream-tty|submissions|webhooks|judged-runs|keys|problems)\.test\.js$/.test(f))
    .sort();
  const c = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...clusterFiles], {
    stdio: 'inherit',
    env: { ...process.env, AIRLOCK_TEST_CLUSTER: '1' },
  });
  const { dropTestClusters } = await import('./drop-test-clusters.mjs');
  await dropTestClusters();
  if (c.status !== 0) process.exit(c.status ?? 1);
}

// Rootless mode: the containment tests and the attack catalogue again, as the unprivileged
// `airlock` user that setup.sh prepares (its own user namespace per box, delegated cgroups).
if (filters.length === 0 && process.env.AIRLOCK_ROOTLESS_TESTS !== '0') {
  console.error('test: running the sandbox tests and the attack catalogue again as the unprivileged user `airlock`');
  const { status, skipped } = runRootless(files);
  if (skipped) console.error(`test: skipping the rootless run: ${skipped}`);
  if (status !== 0) process.exit(status ?? 1);
}

/** Whether the `airlock` user can reach and read the compiled tests at `dir` (a checkout or a view of it). */
function airlockCanRead(dir) {
  const probe = spawnSync('setpriv', [
    '--reuid=airlock',
    '--regid=airlock',
    '--clear-groups',
    '--',
    'test',
    '-r',
    join(dir, 'dist/test'),
    '-a',
    '-x',
    join(dir, 'dist/test'),
  ]);
  return probe.status === 0;
}

/**
 * The rootless pass, from the checkout itself when `airlock` can read it, else from a view of it: a checkout under a
 * root-only directory (a clone in a `mktemp -d` folder) is bound onto a fresh 0755 folder in a private mount
 * namespace, so the unprivileged user reads the same files without the host's mounts changing. `candidates`: the test
 * files of this invocation, of which the sandbox tests and the attack catalogue run.
 */
function runRootless(candidates) {
  if (process.geteuid?.() !== 0 || spawnSync('id', ['-u', 'airlock'], { stdio: 'ignore' }).status !== 0)
    return { status: 0, skipped: 'no `airlock` user (./setup.sh creates it), or not run as root' };
  const dir = root.replace(/\/$/, '');
  const files = candidates.filter((f) => /\/(sandbox|attacks)\//.test(f));
  const asAirlock = (at) => [
    'setpriv',
    '--reuid=airlock',
    '--regid=airlock',
    '--clear-groups',
    '--',
    'env',
    '-i',
    'HOME=/tmp',
    `PATH=${process.env.PATH}`,
    'AIRLOCK_TEST_RESULTS=/tmp/airlock-rootless-results',
    process.execPath,
    '--test',
    '--test-concurrency=1',
    ...files.map((f) => join(at, relative(dir, f))),
  ];
  if (airlockCanRead(dir)) {
    const [cmd, ...args] = asAirlock(dir);
    return { status: spawnSync(cmd, args, { stdio: 'inherit' }).status };
  }
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o005) !== 0o005) return { status: 0, skipped: `the checkout ${dir} itself is closed to other users (mode ${mode.toString(8)})` };
  const view = mkdtempSync('/tmp/airlock-rootless-view-');
  chmodSync(view, 0o755);
  console.error(`test: the \`airlock\` user cannot read ${dir} (a parent folder is closed to it): running from a view of it at ${view}`);
  const quote = (a) => `'${a.replaceAll("'", `'\\''`)}'`;
  const script = `mount --bind ${quote(dir)} ${quote(view)} && exec ${asAirlock(view).map(quote).join(' ')}`;
  try {
    return { status: spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script], { stdio: 'inherit' }).status };
  } finally {
    rmdirSync(view);
  }
}

// The full suite also runs the sandbox tests on the other cgroup code path: in a VM
// whose only hierarchy is cgroup v2 (scripts/vm/run.sh), unless this host is v2 already.
const hostIsV2 = readFileSync('/proc/self/mountinfo', 'utf8').includes(' /sys/fs/cgroup rw') && existsSync('/sys/fs/cgroup/cgroup.controllers');
const vmReady = existsSync('/usr/bin/qemu-system-x86_64') && readdirSync('/boot').some((f) => f.startsWith('vmlinuz-'));
if (filters.length === 0 && process.env.AIRLOCK_VM_TESTS !== '0' && !hostIsV2) {
  if (!vmReady) {
    console.error('test: skipping the cgroup v2 VM run (qemu or a kernel missing: ./setup.sh installs them)');
  } else {
    console.error('test: running the sandbox tests again on cgroup v2, in a VM (scripts/vm/run.sh)');
    const vm = spawnSync(join(root, 'scripts/vm/run.sh'), ['sandbox/containment', 'sandbox/teardown', 'sandbox/ordinary', 'sandbox/daemon'], {
      stdio: 'inherit',
    });
    process.exit(vm.status ?? 1);
  }
}
