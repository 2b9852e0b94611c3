// Box overhead: median wall time of /bin/true bare, in a fresh airlock box, and in bwrap/isolate when installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  execFileSync('gcc', ['-O2', '-o', timer, join(repo, 'bench/tools/spawntime.c')]);

  const variants: Record<string, string[] | null> = {
    'bare fork+exec': ['/bin/true'],
    'airlock fresh box': [launcherPath(), '--slot', '1990', '--', '/bin/true'],
    'bwrap --unshare-all': which('bwrap') ? bwrapArgs(which('bwrap')!) : null,
    'isolate --run': null,
  };
  const isolate = which('isolate');
  if (isolate) variants['isolate --run'] = [isolate, '--box-id=90', '--run', '--', '/bin/true'];

  const samples: Record<string, number[]> = {};
  // Interleave the variants round by round so drift on a shared machine hits all alike.
  for (let r = 0; r < rounds; r++) {
    for (const [name, cmd] of Object.entries(variants)) {
      if (!cmd) continue;
      const out = execFileSync(timer, [String(perRound), ...cmd], { encoding: 'utf8' });
      (samples[name] ??= []).push(...out.trim().split('\n').slice(r === 0 ? 5 : 0).map((us) => Number(us) / 1000));
    }
  }
  const bare = median(samples['bare fork+exec']!);
  const rows: (string | number)[][] = [['variant', 'median ms', 'p90 ms', 'over bare ms', 'ratio']];
  const results: Record<string, unknown> = {};
  for (const name of Object.keys(variants)) {
    const s = samples[name];
    if (!s) {
      rows.push([name, 'not installed', '', '', '']);
      results[name] = null;
      continue;
    }
    const m = median(s);
    rows.push([name, m.toFixed(3), percentile(s, 90).toFixed(3), (m - bare).toFixed(3), (m / bare).toFixed(2)]);
    results[name] = { medianMs: m, p90Ms: percentile(s, 90), overBareMs: m - bare, runs: s.length };
  }
  console.log(table(rows));
  const overhead = median(samples['airlock fresh box']!) - bare;
  const target = 1.5;
  console.log(`\nairlock overhead over bare exec: ${overhead.toFixed(3)} ms (target <= ${target} ms): ${overhead <= target ? 'met' : 'NOT met'}`);
  console.log(`wrote ${writeResult('sandbox', { variants: results, overheadMs: overhead, targetMs: target, met: overhead <= target })}`);
}
