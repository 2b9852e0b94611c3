// Shared helpers for benchmarks: timing, medians, tables, the C timing tools, figures against targets, result files.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BadSample, checkMeasured } from './check.js';

const execFileAsync = promisify(execFile);

/** Where `npm run bench -- NAME` writes NAME.json. */
export const resultsDir = fileURLToPath(new URL('../../bench/results/', import.meta.url));

/** The median of some numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The p-th percentile (0-100) of some numbers. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Milliseconds that fn takes, measured n times after w warm-up runs. */
export async function sample(n: number, fn: (i: number) => Promise<unknown>, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** Print rows as an aligned table. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

/** A benchmark's slot: shifted by AIRLOCK_TEST_SLOT_OFFSET like the tests', so checkouts can bench side by side. */
export function benchSlot(n: number): number {
  return n + Number(process.env.AIRLOCK_TEST_SLOT_OFFSET ?? 0);
}

const repo = fileURLToPath(new URL('../../', import.meta.url));
let toolDir: string | undefined;

/** bench/tools/NAME.c compiled once per process; its path. */
export function tool(name: 'spawntime' | 'daemontime' | 'httpload'): string {
  toolDir ??= mkdtempSync(join(tmpdir(), 'airlock-bench-tools-'));
  const path = join(toolDir, name);
  try {
    readFileSync(path);
  } catch {
    execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-o', path, join(repo, `bench/tools/${name}.c`)]);
  }
  return path;
}

/** What spawntime, daemontime or httpload printed: each run's wall (and CPU) ms, and the wall ms of all of them. */
export interface Timed {
  wall: number[];
  cpu: number[];
  totalMs: number;
}

/**
 * Run a timing tool; it checks every run itself (exit 0, the record, the output) and exits 1 naming the bad one,
 * which becomes a BadSample here. `label` names the variant in that message.
 */
export function timeRuns(label: string, toolPath: string, args: string[]): Timed {
  let out: string;
  try {
    out = execFileSync(toolPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    throw badRun(label, e);
  }
  return parseTimed(label, out);
}

/** timeRuns without blocking this process: for a tool that talks to a child of ours whose output we must keep reading. */
export async function timeRunsAsync(label: string, toolPath: string, args: string[]): Promise<Timed> {
  let out: string;
  try {
    out = (await execFileAsync(toolPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 })).stdout;
  } catch (e) {
    throw badRun(label, e);
  }
  return parseTimed(label, out);
}

/** A timing tool that exited non-zero: its message names the bad run. */
function badRun(label: string, e: unknown): BadSample {
  const err = e as { stderr?: string; message: string };
  return new BadSample(`${label}: ${(err.stderr || err.message).trim()}`);
}

/** Lines "WALL [CPU]" in microseconds, then "total US". */
function parseTimed(label: string, out: string): Timed {
  const t: Timed = { wall: [], cpu: [], totalMs: NaN };
  for (const line of out.trim().split('\n')) {
    const [a, b] = line.split(' ');
    if (a === 'total') t.totalMs = Number(b) / 1000;
    else {
      t.wall.push(Number(a) / 1000);
      if (b !== undefined) t.cpu.push(Number(b) / 1000);
    }
  }
  checkMeasured(`${label}: total time`, t.totalMs);
  return t;
}

/** Cores, CPU model, virtual or not, kernel, Node, load: where and when a figure was measured. */
export interface Machine {
  date: string;
  availableParallelism: number;
  cpuModel: string;
  virtualMachine: boolean;
  kernel: string;
  node: string;
  loadavg: number[];
}

/** This machine now. */
export function machine(): Machine {
  let vm = false;
  try {
    vm = /^flags\s*:.*\bhypervisor\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    // no /proc/cpuinfo: say not known to be virtual
  }
  return {
    date: new Date().toISOString(),
    availableParallelism: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    virtualMachine: vm,
    kernel: release(),
    node: process.version,
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** One line of a machine, for tables and markdown. */
export function describeMachine(m: Machine): string {
  return `${m.availableParallelism} cores (${m.cpuModel}${m.virtualMachine ? ', virtual machine' : ''}), Linux ${m.kernel}, Node ${m.node}, load average ${m.loadavg.join(' ')}`;
}

/** One figure of an issue (14: speed; 12: the hostile soak): a value, what it is measured against, and its target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run, in words with its number. */
  baseline: string;
  target: { op: '<=' | '>='; value: number } | null;
  met: boolean | null;
}

/** A figure; `met` is decided here, from the target. */
export function figure(name: string, value: number, unit: string, baseline: string, target: Figure['target']): Figure {
  if (!Number.isFinite(value)) throw new BadSample(`${name}: ${value} is not a measurement (no samples?)`);
  const met = target ? (target.op === '<=' ? value <= target.value : value >= target.value) : null;
  return { name, value, unit, baseline, target, met };
}

/** A figure as one line: value, baseline, target, met or not. */
export function formatFigure(f: Figure): string {
  const v = `${f.value.toFixed(f.value < 10 ? 2 : 1)}${f.unit === 'x' ? 'x' : ` ${f.unit}`}`;
  const t = f.target ? `target ${f.target.op} ${f.target.value}${f.unit === 'x' ? 'x' : ` ${f.unit}`}: ${f.met ? 'met' : 'NOT met'}` : 'reported (no target)';
  return `${f.name}: ${v} (baseline ${f.baseline}; ${t})`;
}

/** Print figures, one a line, under a heading naming the issue whose targets they are. */
export function printFigures(figures: Figure[], issue = 14): void {
  console.log(`\nfigures (issue ${issue}):`);
  for (const f of figures) console.log(`  ${formatFigure(f)}`);
}

/** Save a benchmark's numbers and figures with when and where they were measured (start and end load included). */
export function writeResult(name: string, data: unknown, figures: Figure[] = [], started?: Machine): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = `${resultsDir}${name}.json`;
  const end = machine();
  const doc = {
    benchmark: name,
    date: end.date,
    machine: end,
    loadavgAtStart: started?.loadavg ?? null,
    note: 'measured on a shared 2-core machine while other work (test suites) ran: ratios measured in the same run hold better than absolute times',
    figures,
    ...(data as object),
  };
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  return path;
}
