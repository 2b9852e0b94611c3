// Box overhead: median wall time of /bin/true bare, in a fresh airlock box (daemon and per launcher exec), and in
// bwrap/isolate when installed; every variant timed by the same small C loop, interleaved round by round.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcherPath } from '../src/sandbox/launcher.js';
import { checkNotFasterThanBare } from './check.js';
import { benchSlot, describeMachine, type Figure, figure, machine, median, percentile, printFigures, table, timeRuns, tool, writeResult } from './lib.js';

function which(cmd: string): string | undefined {
  for (const dir of ['/usr/local/bin', '/usr/bin', '/bin']) if (existsSync(`${dir}/${cmd}`)) return `${dir}/${cmd}`;
  return undefined;
}

/** A comparable bwrap box: new namespaces, read-only /usr, fresh /proc, /dev and /tmp. */
function bwrapArgs(bwrap: string): string[] {
  return [
    bwrap,
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/bin',
    '/bin',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/tmp',
    '/bin/true',
  ];
}

const BARE = 'bare fork+exec';
const DAEMON = 'airlock fresh box (daemon, 2 slots in turn)';
const DAEMON_ONE = 'airlock fresh box (daemon, 1 slot)';
const EXEC = 'airlock fresh box (launcher exec)';
const PAUSE_MS = 100;
const BARE_PAUSED = `bare fork+exec, each after ${PAUSE_MS} ms idle`;
const DAEMON_PAUSED = `airlock fresh box (daemon), each after ${PAUSE_MS} ms idle`;

/** `npm run bench -- sandbox [rounds] [boxes per round]`. */
export async function run(args: string[]): Promise<Figure[]> {
  const rounds = Number(args[0] ?? 10);
  const perRound = Number(args[1] ?? 30);
  const started = machine();
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
  const spawntime = tool('spawntime');
  const daemontime = tool('daemontime');
  // The launcher as a daemon: still a fresh box per run, without an exec of the launcher per run.
  const socket = join(dir, 'daemon.sock');
  const daemon = spawn(launcherPath(), ['--serve', socket], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
    const bwrap = which('bwrap');
    const isolate = which('isolate');
    // Each variant: the timing tool and its arguments. Every run is checked by the tool (exit 0, a record saying
    // status=OK and exit_code=0 for the launcher and the daemon, no output).
    const variants: Record<string, ((n: number) => [string, string[]]) | null> = {
      [BARE]: (n) => [spawntime, [String(n), '/bin/true']],
      // The service's shape (a slot per core, here 2, taken in turn): a box's teardown, after its result, overlaps
      // the next box. With one slot the next box waits for the teardown too (reported, not the figure).
      [DAEMON]: (n) => [daemontime, ['-s', `${benchSlot(1991)},${benchSlot(1992)}`, String(n), socket, '--slot', String(benchSlot(1991)), '--', '/bin/true']],
      [DAEMON_ONE]: (n) => [daemontime, [String(n), socket, '--slot', String(benchSlot(1993)), '--', '/bin/true']],
      [EXEC]: (n) => [spawntime, ['-r', String(n), launcherPath(), '--slot', String(benchSlot(1990)), '--', '/bin/true']],
      // A sporadic request: the machine idle before each run (a vCPU that halted wakes slower, so bare pays too;
      // a v1 cgroup attach by another process then waited for an RCU grace period, 4-25 ms). A sixth of the runs.
      [BARE_PAUSED]: (n) => [spawntime, ['-p', String(PAUSE_MS), String(Math.ceil(n / 6)), '/bin/true']],
      [DAEMON_PAUSED]: (n) => [daemontime, ['-p', String(PAUSE_MS), String(Math.ceil(n / 6)), socket, '--slot', String(benchSlot(1991)), '--', '/bin/true']],
      'bwrap --unshare-all': bwrap ? (n) => [spawntime, [String(n), ...bwrapArgs(bwrap)]] : null,
      'isolate --run': isolate ? (n) => [spawntime, [String(n), isolate, `--box-id=${benchSlot(90) % 1000}`, '--run', '--', '/bin/true']] : null,
    };

    const samples: Record<string, number[]> = {};
    const cpu: Record<string, number[]> = {};
    // Interleave the variants round by round so drift on a shared machine hits all alike; round 0's first 5 warm up.
    for (let r = 0; r < rounds; r++) {
      for (const [name, v] of Object.entries(variants)) {
        if (!v) continue;
        const t = timeRuns(`${name} (round ${r})`, ...v(perRound));
        const warm = r === 0 ? Math.min(5, t.wall.length - 1) : 0;
        (samples[name] ??= []).push(...t.wall.slice(warm));
        if (t.cpu.length) (cpu[name] ??= []).push(...t.cpu.slice(warm));
      }
    }
    const bare = median(samples[BARE]!);
    const barePaused = median(samples[BARE_PAUSED]!);
    const rows: (string | number)[][] = [['variant', 'median ms', 'p90 ms', 'over bare ms', 'ratio', 'CPU ms']];
    const results: Record<string, unknown> = {};
    for (const name of Object.keys(variants)) {
      const s = samples[name];
      if (!s) {
        rows.push([name, 'not installed', '', '', '', '']);
        results[name] = null;
        continue;
      }
      const m = median(s);
      const base = name === DAEMON_PAUSED ? barePaused : bare;
      if (name !== BARE && name !== BARE_PAUSED) checkNotFasterThanBare(name, m, base);
      const c = cpu[name] ? median(cpu[name]) : undefined;
      rows.push([name, m.toFixed(3), percentile(s, 90).toFixed(3), (m - base).toFixed(3), (m / base).toFixed(2), c === undefined ? 'n/a' : c.toFixed(3)]);
      results[name] = { medianMs: m, p90Ms: percentile(s, 90), overBareMs: m - base, ratio: m / base, runs: s.length, cpuMs: c ?? null };
    }
    console.log(`/bin/true, ${rounds} interleaved rounds of ${perRound} runs per variant, every run checked; ${describeMachine(started)}\n`);
    console.log(table(rows));
    const bareText = `bare fork+exec of /bin/true ${bare.toFixed(3)} ms median`;
    const figures = [
      figure('fresh box overhead over bare fork+exec, daemon path, 2 slots in turn (median)', median(samples[DAEMON]!) - bare, 'ms', bareText, {
        op: '<=',
        value: 1.0,
      }),
      figure('fresh box overhead over bare fork+exec, daemon path, 1 slot (median)', median(samples[DAEMON_ONE]!) - bare, 'ms', bareText, null),
      figure('fresh box overhead over bare fork+exec, per launcher exec (median)', median(samples[EXEC]!) - bare, 'ms', bareText, null),
      figure(
        `fresh box overhead over bare fork+exec, daemon path, each after ${PAUSE_MS} ms idle (median)`,
        median(samples[DAEMON_PAUSED]!) - barePaused,
        'ms',
        `bare fork+exec of /bin/true after ${PAUSE_MS} ms idle ${barePaused.toFixed(3)} ms median`,
        null,
      ),
    ];
    printFigures(figures);
    console.log(`wrote ${writeResult('sandbox', { rounds, perRound, variants: results }, figures, started)}`);
    return figures;
  } finally {
    daemon.kill();
  }
}
