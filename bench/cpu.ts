// Where CPU goes during a bench step: the machine's busy time (/proc/stat) and chosen processes' own (/proc/PID/stat),
// so a bench can say how much CPU a run costs and which part of it is the service's, not only how long it took.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticks: number | undefined;
/** Clock ticks per second of /proc's counters. */
function ticksPerSecond(): number {
  return (ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })));
}

/** Milliseconds every CPU of the machine has been busy (user, nice, system, irq, softirq; not idle, iowait or steal). */
export function machineBusyMs(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  return ((f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) * 1000) / ticksPerSecond();
}

/** CPU milliseconds a process has used so far (user + system). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond(); // utime, stime (fields 14, 15)
}

/** CPU over one step: the machine's busy milliseconds and each given process's own. */
export interface CpuSpent {
  machine: number;
  processes: number[];
}

/** Run a step and count the CPU spent meanwhile, by the machine and by each of `pids`. */
export async function cpuOf<T>(pids: number[], step: () => T | Promise<T>): Promise<{ result: T; cpu: CpuSpent }> {
  const m0 = machineBusyMs();
  const p0 = pids.map(processCpuMs);
  const result = await step();
  return { result, cpu: { machine: machineBusyMs() - m0, processes: pids.map((p, i) => processCpuMs(p) - p0[i]!) } };
}
