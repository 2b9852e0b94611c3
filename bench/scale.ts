// Scale-out throughput: Python hello world through HTTP on the single node (SQLite, in-process queue) against
// clusters (an API node, BullMQ on Redis, PostgreSQL, worker processes) at equal slots, every node a child process on
// this machine; and the queue's cost per job: the mean latency of one run at a time, cluster minus single node.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterSettings } from '../test/helpers/cluster.js';
import { serve, type ServiceProcess } from '../test/helpers/process.js';
import { describeMachine, type Figure, figure, machine, printFigures, resultsDir, sample, table, writeResult } from './lib.js';
import { parallel, viaHttp } from './service.js';

/** One configuration under test; requests go to its first node. */
interface Setup {
  label: string;
  slots: number;
  nodes: ServiceProcess[];
}

/** What a run started and must stop, however it ends. */
interface Owned {
  nodes: ServiceProcess[];
  cleanups: Array<() => Promise<void>>;
  dirs: string[];
}

/** A fresh data directory for one node, removed at the end. */
function dataDir(owned: Owned): string {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-scale-'));
  owned.dirs.push(dir);
  return dir;
}

/** The single node: SQLite, in-process queue, 2 slots. Slots 800 and up stay clear of the tests' and other benches'. */
async function single(owned: Owned): Promise<Setup> {
  const s = await serve(dataDir(owned), 800);
  owned.nodes.push(s);
  return { label: 'a. single node (SQLite, in-process queue)', slots: 2, nodes: [s] };
}

/** An API node and one worker per entry of `workerSlots`, with a database and queue name of their own. */
async function cluster(owned: Owned, label: string, base: number, workerSlots: number[]): Promise<Setup> {
  const c = await clusterSettings();
  owned.cleanups.push(() => c.cleanup());
  const sets = Object.entries(c.flags).map(([k, v]) => `${k}=${String(v)}`);
  const nodes = [await serve(dataDir(owned), base, sets)];
  owned.nodes.push(nodes[0]!);
  for (const [i, slots] of workerSlots.entries()) {
    nodes.push(await serve(dataDir(owned), base + 2 + 4 * i, [...sets, `slots=${slots}`], 'worker'));
    owned.nodes.push(nodes.at(-1)!);
  }
  return { label, slots: workerSlots.reduce((a, b) => a + b, 0), nodes };
}

/** SIGTERM (a worker drains, idle here), SIGKILL if it is still there after 20 s. */
function stop(p: ServiceProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
    p.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    p.child.kill('SIGTERM');
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** bench/results/scale.md: the table with what was measured, when and where. */
function markdown(r: { args: number[]; runs: number; seqRuns: number; text: string; summary: string[] }): string {
  const [, p, rounds] = r.args;
  return `# Scale-out throughput

Written by \`npm run bench -- scale ${r.args.join(' ')}\` (bench/scale.ts) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}.
Machine: ${describeMachine(machine())}${machine().virtualMachine ? ' (its cores may be shared with other guests, so runs vary by several percent)' : ''}; measured while other work (test suites) ran. Numbers: [scale.json](scale.json).

Python hello world (\`print("Hello")\`, a fresh box per run), ${p} concurrent clients each sending
\`POST /v1/runs\` and waiting for the result (as bench/service.ts), ${r.runs} runs per configuration in
${rounds} interleaved rounds after a warm-up. Every node is a child process (\`airlock serve\` / \`airlock worker\`);
each cluster has its own PostgreSQL database and queue name on the one local Redis and PostgreSQL.
"sequential ms" is the mean latency of one run at a time (${r.seqRuns} runs); "vs a ms" is that minus
the single node's: what the queue (Redis, PostgreSQL, one more process hop) adds to each job.

\`\`\`text
${r.text}
\`\`\`

${r.summary.map((l) => `- ${l}`).join('\n')}
- Everything shares this machine's ${availableParallelism()} cores: the client, the nodes, and for the clusters also
  the API node, Redis and PostgreSQL, whose CPU the single node does not spend. On separate hosts they would not
  take it from the boxes.
`;
}

/** `npm run bench -- scale [runs per round] [clients] [rounds] [sequential runs]`. */
export async function run(args: string[]): Promise<Figure[]> {
  const n = Number(args[0] ?? 300);
  const p = Number(args[1] ?? 4);
  const rounds = Number(args[2] ?? 2);
  const seqRuns = Number(args[3] ?? 30);
  const owned: Owned = { nodes: [], cleanups: [], dirs: [] };
  const started = machine();
  try {
    // All configurations stay up and take turns, round by round: drift on a shared machine hits all alike.
    const setups = [
      await single(owned),
      await cluster(owned, 'b. API node + 1 worker x 2 slots (Redis, PostgreSQL)', 810, [2]),
      await cluster(owned, 'c. API node + 2 workers x 1 slot', 820, [1, 1]),
      await cluster(owned, 'd. API node + 2 workers x 2 slots (more slots than cores)', 830, [2, 2]),
    ];
    const jobs = new Map(setups.map((s) => [s, viaHttp(s.nodes[0]!)]));
    // Let start-up work end first: serve nodes read every installed language's version (JVMs for some) in the background.
    await new Promise((r) => setTimeout(r, 10_000));
    // Warm up every node: JIT, page cache, the launcher daemon and its pooled namespaces, Redis and pool connections.
    for (const s of setups) await parallel(20, p, jobs.get(s)!);
    await new Promise((r) => setTimeout(r, 1000));

    const total = new Map(setups.map((s) => [s, 0]));
    const seq = new Map(setups.map((s) => [s, [] as number[]]));
    for (let r = 0; r < rounds; r++) {
      for (const s of setups) {
        total.set(s, total.get(s)! + (await parallel(n, p, jobs.get(s)!)).total);
        seq.get(s)!.push(...(await sample(Math.ceil(seqRuns / rounds), jobs.get(s)!)));
      }
    }

    const runs = n * rounds;
    const rate = (s: Setup) => runs / (total.get(s)! / 1000);
    const [a, b] = setups as [Setup, Setup];
    const rows = setups.map((s) => ({
      configuration: s.label,
      slots: s.slots,
      runs,
      seconds: total.get(s)! / 1000,
      runsPerSecond: rate(s),
      ratio: rate(s) / rate(a),
      sequentialMeanMs: mean(seq.get(s)!),
      overheadMs: mean(seq.get(s)!) - mean(seq.get(a)!),
    }));
    const text = table([
      ['configuration', 'slots', 'runs', 'seconds', 'runs/s', 'ratio vs a', 'sequential ms', 'vs a ms'],
      ...rows.map((r) => [
        r.configuration,
        r.slots,
        r.runs,
        r.seconds.toFixed(1),
        r.runsPerSecond.toFixed(1),
        r.ratio.toFixed(2),
        r.sequentialMeanMs.toFixed(1),
        r.overheadMs.toFixed(1),
      ]),
    ]);
    const overhead = rows[1]!.overheadMs;
    const summary = [
      `queue overhead per job (b - a, mean of ${seq.get(b)!.length} sequential runs each): ${overhead.toFixed(1)} ms`,
      `throughput at equal slots: b ${rows[1]!.ratio.toFixed(2)}x, c ${rows[2]!.ratio.toFixed(2)}x of a (target >= 0.8)`,
    ];
    console.log(`${text}\n\n${summary.join('\n')}`);

    const figures = [
      figure(
        'scale-out throughput at equal slots (b: API node + 1 worker x 2 slots)',
        rows[1]!.ratio,
        'x',
        `the single node: ${rows[0]!.runsPerSecond.toFixed(1)} runs/s`,
        { op: '>=', value: 0.8 },
      ),
      figure('queue overhead per job (b - a, sequential)', overhead, 'ms', `the single node: ${rows[0]!.sequentialMeanMs.toFixed(1)} ms`, null),
    ];
    printFigures(figures);
    const path = writeResult(
      'scale',
      { runs, parallel: p, rounds, sequentialRuns: seq.get(a)!.length, cores: availableParallelism(), configurations: rows, queueOverheadMs: overhead },
      figures,
      started,
    );
    const md = markdown({ args: [n, p, rounds, seqRuns], runs, seqRuns: seq.get(a)!.length, text, summary });
    writeFileSync(`${resultsDir}scale.md`, md);
    console.log(`wrote ${path} and ${resultsDir}scale.md`);
    return figures;
  } finally {
    await Promise.all(owned.nodes.map(stop));
    for (const c of owned.cleanups) await c().catch((e) => console.error(`cleanup: ${(e as Error).message}`));
    for (const dir of owned.dirs) rmSync(dir, { recursive: true, force: true });
  }
}
