// The hostile soak's concurrency lanes: the same new program compiled at the same moment by two processes sharing
// one compile cache, either two cluster workers on one data directory or two `airlock run` commands. Threat: one
// process sweeping or replacing the other's compile in progress turned it into IE (issue 12).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/helpers/box.js';
import { send } from './hostile-http.js';
import type { Tally } from './hostile-tally.js';

const CLUSTER = 'identical compiles: two cluster workers on one data directory';
const CLI = 'identical compiles: two `airlock run` processes on one cache';

/** Two identical new C programs sent at once to a cluster whose two workers share a data directory. */
export async function clusterCompiles(url: string, tally: Tally): Promise<void> {
  const salt = randomBytes(6).toString('hex');
  const body = { language: 'c', source: `#include <stdio.h>\nint main(void){puts("${salt}");return 0;}` };
  const answers = await Promise.all([0, 1].map(() => send(tally, CLUSTER, `${url}/v1/runs`, { body })));
  for (const a of answers) {
    if (a?.status !== 200) continue;
    const r = a.json as { state?: string; result?: { status?: string; stdout?: string; message?: string; compile?: { status?: string } | null } };
    if (r.state === 'failed' || r.result?.status === 'IE' || r.result?.compile?.status === 'IE') tally.internal(CLUSTER, a.text.slice(0, 300));
    else if (r.result?.stdout !== `${salt}\n`) tally.wrong(CLUSTER, `stdout ${JSON.stringify(r.result?.stdout)}, expected ${salt}`);
  }
}

/** One `airlock run FILE --json` with the given data directory: its exit status and the result it printed. */
function cliRun(file: string, dataDir: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'dist/src/cli/main.js'), 'run', file, '--json'],
      { env: { PATH: process.env.PATH, AIRLOCK_DATA_DIR: dataDir }, maxBuffer: 64 << 20, timeout: 120_000 },
      (e, out, err) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, out, err }),
    );
  });
}

/** Two `airlock run` processes compiling the same new C++ file at once, with one private data directory. */
export async function cliCompiles(dir: string, dataDir: string, tally: Tally): Promise<void> {
  const salt = randomBytes(6).toString('hex');
  const file = join(dir, `soak-${salt}.cpp`);
  writeFileSync(file, `#include <cstdio>\nint main(){std::puts("${salt}");}\n`);
  const runs = await Promise.all([0, 1].map(() => cliRun(file, dataDir)));
  for (const r of runs) {
    tally.answer(CLI, `exit ${r.code}`);
    let j: { status?: string; stdout?: string; message?: string; compile?: { status?: string } | null } | undefined;
    try {
      j = JSON.parse(r.out);
    } catch {
      j = undefined;
    }
    if (!j) tally.wrong(CLI, `exit ${r.code}, no JSON result: ${(r.err || r.out).slice(0, 300)}`);
    else if (j.status === 'IE' || j.compile?.status === 'IE') tally.internal(CLI, `${j.message ?? ''} ${r.err}`);
    else if (j.status !== 'OK' || j.stdout !== `${salt}\n`) tally.wrong(CLI, `status ${j.status}, stdout ${JSON.stringify(j.stdout)}`);
  }
}
