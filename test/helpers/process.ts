// Run `airlock serve` as a real child process (for kill -9 and load tests) and find the URL it listens on.
import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot, testSlot } from './box.js';

/** The malloc settings setup.sh and the systemd units start the service with (docs/operations.md). */
export const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

/** A service process; `url` once it listens. */
export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** Everything it logged. */
  log: () => string;
}

/** Start `airlock serve` (or `airlock worker`) on a free port with the given data dir, test slots and extra --set pairs. */
export function serve(dataDir: string, slot: number, sets: string[] = [], command: 'serve' | 'worker' = 'serve'): Promise<ServiceProcess> {
  // The node flags setup.sh starts the service with.
  const args = [
    '--max-semi-space-size=2',
    '--optimize-for-size',
    `${repoRoot}dist/src/cli/main.js`,
    command,
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--slots',
    '2',
    '--set',
    `slotBase=${testSlot(slot)}`,
  ];
  for (const s of ['webhooks.allowPrivate=true', 'auth.anonymousPolicy.ratePerSecond=100000', 'auth.anonymousPolicy.burst=100000', ...sets])
    args.push('--set', s);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, AIRLOCK_LOG_LEVEL: 'info', ...MALLOC_ENV } });
  let out = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not start:\n${out}`));
    }, 20_000);
    const onData = (d: Buffer) => {
      // Keep the start of the log and the last 64 KiB: a long load test logs megabytes.
      const text = d.toString();
      out = out.length > 1 << 20 ? out.slice(0, 4096) + out.slice(-65536) + text : out + text;
      const m = started ? null : /"url":"(http:[^"]+)".*"msg":"airlock (?:listening|worker taking jobs)"/.exec(out);
      if (m) {
        started = true;
        clearTimeout(timer);
        resolve({ child, url: m[1]!, log: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${out}`)));
  });
}

/** JSON over HTTP with fetch. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever shape the route under test answers
export async function call(url: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    ...(init.body ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
