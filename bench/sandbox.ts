// Box overhead: median wall time of /bin/true bare, in a fresh airlock box, and in bwrap/isolate when installed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launcherPath } from '../src/sandbox/launcher.js';
import { median, percentile, table, writeResult } from './lib.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function which(cmd: string): string | undefined {
  for (const dir of ['/usr/local/bin', '/usr/bin', '/bin']) if (existsSync(`${dir}/${cmd}`)) return `${dir}/${cmd}`;
  return undefined;
}

/** A comparable bwrap box: new namespaces, read-only /usr, fresh /proc, /dev and /tmp. */
function bwrapArgs(bwrap: string): string[] {
  return [bwrap, '--unshare-all', '--die-with-parent', '--new-session', '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64',
    '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '/bin/true'];
}

export async function run(args: string[]): Promise<void> {
  const rounds = Number(args[0] ?? 10);
  const perRound = Number(args[1] ?? 30);
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
  const timer = join(dir, 'spawntime');
  const client = join(dir, 'daemontime');
  execFileSync('gcc', ['-O2', '-o', timer, join(repo, 'bench/tools/spawntime.c')]);
  execFileSync('gcc', ['-O2', '-o', client, join(repo, 'bench/tools/daemontime.c')]);
  // The launcher as a daemon: still a fresh box per run, without an exec of the launcher per run.
  const socket = join(dir, 'daemon.sock');
  const daemon = spawn(launcherPath(), ['--serve', socket], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));

  const variants: Record<string, string[] | null> = {
    'bare fork+exec': ['/bin/true'],
    'airlock fresh box': [launcherPath(), '--slot', '1990', '--', '/bin/true'],
    'airlock fresh box (daemon)': [client, socket, '--slot', '1991', '--', '/bin/true'],
    'bwrap --unshare-all': which('bwrap') ? bwrapArgs(which('bwrap')!) : null,
    'isolate --run': null,
  };
  const isolate = which('isolate');
  if (isolate) variants['isolate --run'] = [isolate, '--box-id=90', '--run', '--', '/bin/true'];

  const samples: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  // Interleave the variants round by round so drift on a shared machine hits all alike.
  for (let r = 0; r < rounds; r++) {
    for (const [name, cmd] of Object.entries(variants)) {
      if (!cmd) continue;
      const [tool, rest] = cmd[0] === client ? [client, cmd.slice(1)] : [timer, cmd];
      const out = execFileSync(tool, [String(perRound), ...rest], { encoding: 'utf8' });
      for (const line of out.trim().split('\n').slice(r === 0 ? 5 : 0)) {
        const [wall, used] = line.split(' ').map(Number);
        (samples[name] ??= []).push(wall! / 1000);
        if (used !== undefined) (cpu[name] ??= []).push(used / 1000);
      }
    }
  }
  daemon.kill();
  const bare = median(samples['bare fork+exec']!);
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
    const c = cpu[name] ? median(cpu[name]!) : undefined;
    rows.push([name, m.toFixed(3), percentile(s, 90).toFixed(3), (m - bare).toFixed(3), (m / bare).toFixed(2), c === undefined ? 'n/a' : c.toFixed(3)]);
    results[name] = { medianMs: m, p90Ms: percentile(s, 90), overBareMs: m - bare, runs: s.length, cpuMs: c ?? null };
  }
  console.log(table(rows));
  const overhead = median(samples['airlock fresh box']!) - bare;
  const daemonOverhead = median(samples['airlock fresh box (daemon)']!) - bare;
  const target = 1.5;
  const best = Math.min(overhead, daemonOverhead);
  // Both are timed from Node: the daemon path skips Node's own spawn, which the bare baseline pays; say which one met it.
  const verdict = overhead <= target ? 'met per launcher exec' : best <= target ? 'met only through the daemon (it skips the Node spawn the baseline pays), NOT per launcher exec' : 'NOT met';
  console.log(`\nairlock overhead over bare exec: ${overhead.toFixed(3)} ms per launcher exec, ${daemonOverhead.toFixed(3)} ms through the daemon (target <= ${target} ms): ${verdict}`);
  console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (shared machine: ratios hold better than absolute times)`);
  console.log(`wrote ${writeResult('sandbox', { variants: results, overheadMs: overhead, daemonOverheadMs: daemonOverhead, targetMs: target, met: best <= target, loadavg: loadavg() })}`);
}
