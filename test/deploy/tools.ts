// Finding host tools for the deploy tests, and running them with their output kept.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The first existing path of a tool, or undefined. */
export function tool(name: string): string | undefined {
  return ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].map((d) => `${d}/${name}`).find((p) => existsSync(p));
}

/** Run argv; status and both streams together. */
export function run(argv: string[], cwd?: string): { status: number; output: string } {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', cwd, timeout: 60_000 });
  return { status: r.status ?? -1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}
