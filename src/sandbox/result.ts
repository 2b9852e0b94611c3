// Parsing the launcher's result record (docs/launcher-protocol.md), strictly.
import { AirlockError } from '../errors.js';

/** What the launcher says about a run. */
export type BoxStatus = 'OK' | 'RE' | 'TLE' | 'MLE' | 'OLE' | 'SV' | 'IE';

export interface BoxRecord {
  status: BoxStatus;
  exitCode: number;
  signal: number;
  cpuUs: number;
  wallUs: number;
  memoryBytes: number;
  stdoutBytes: number;
  stderrBytes: number;
  oomKilled: boolean;
  message: string;
  syscalls: string[] | undefined;
  /** Only over a daemon connection: the exit status the launcher would have had. */
  launcherExit: number | undefined;
}

const statuses = new Set<BoxStatus>(['OK', 'RE', 'TLE', 'MLE', 'OLE', 'SV', 'IE']);
const numeric = ['exit_code', 'signal', 'cpu_us', 'wall_us', 'memory_bytes', 'stdout_bytes', 'stderr_bytes', 'oom_killed', 'launcher_exit'];

/** Parse "key=value" lines ending in "end"; the value is everything after the first '='. */
export function parseRecord(text: string): BoxRecord {
  const fields = new Map<string, string>();
  const lines = text.split('\n');
  let ended = false;
  for (const line of lines) {
    if (line === 'end') {
      ended = true;
      break;
    }
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw bad(`malformed line ${JSON.stringify(line)}`);
    fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  if (!ended) throw bad('no "end" line (the launcher died mid-report?)');
  const status = fields.get('status') as BoxStatus | undefined;
  if (!status || !statuses.has(status)) throw bad(`unknown status ${JSON.stringify(status)}`);
  const num = (key: string): number => {
    const v = fields.get(key);
    if (v === undefined) return 0;
    if (!/^-?\d+$/.test(v)) throw bad(`${key} is not a number: ${JSON.stringify(v)}`);
    return Number(v);
  };
  for (const key of numeric) num(key);
  const syscalls = fields.get('syscalls');
  return {
    status,
    exitCode: num('exit_code'),
    signal: num('signal'),
    cpuUs: num('cpu_us'),
    wallUs: num('wall_us'),
    memoryBytes: num('memory_bytes'),
    stdoutBytes: num('stdout_bytes'),
    stderrBytes: num('stderr_bytes'),
    oomKilled: num('oom_killed') === 1,
    message: fields.get('message') ?? '',
    syscalls: syscalls === undefined ? undefined : syscalls.split(',').filter(Boolean),
    launcherExit: fields.has('launcher_exit') ? num('launcher_exit') : undefined,
  };
}

function bad(why: string): AirlockError {
  return new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', `unreadable result record: ${why}`);
}
