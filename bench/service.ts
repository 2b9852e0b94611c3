// Service throughput: Python hello world through HTTP (each run a fresh box) against bare `python3 -c` launches at the
// same parallelism, p50/p99 latency, and the service's RSS idle and with 64 runs in flight.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/execute.js';
import { startDaemon, stopDaemon } from '../src/sandbox/daemon.js';
import { SlotPool } from '../src/sandbox/slots.js';
import { call, serve, type ServiceProcess } from '../test/helpers/process.js';
import { percentile, table, writeResult } from './lib.js';

const HELLO = 'print("Hello")';

/** Run `n` jobs, `p` at a time; returns each job's milliseconds and the total. */
export async function parallel(n: number, p: number, job: () => Promise<void>): Promise<{ ms: number[]; total: number }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: p }, async () => {
      while (next++ < n) {
        const t = performance.now();
        await job();
        ms.push(performance.now() - t);
      }
    }),
  );
  return { ms, total: performance.now() - t0 };
}

/** The same interpreter the box runs, started bare. */
const bare = () =>
  new Promise<void>((resolve, reject) => {
    const c = spawn('/usr/bin/python3', ['-c', HELLO], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('close', (code) => (code === 0 && out === 'Hello\n' ? resolve() : reject(new Error(`python3 exited ${code}`))));
  });

/** POST with node:http over kept-alive connections: a lean client, so the client's own CPU stays out of the comparison. */
export const viaHttp = (s: ServiceProcess) => {
  const agent = new Agent({ keepAlive: true });
  const body = JSON.stringify({ language: 'python3', source: HELLO });
  return () =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${s.url}/v1/runs`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          const run = JSON.parse(text);
          if (res.statusCode !== 200 || run.result.stdout !== 'Hello\n') reject(new Error(`bad answer ${res.statusCode} ${text.slice(0, 200)}`));
          else resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
};

/** The engine in this process, same slots, no HTTP, queue or store: what the box itself costs. */
function direct(slots: number) {
  const engine = new Engine({ workDir: mkdtempSync(join(tmpdir(), 'airlock-bench-eng-')), slots: new SlotPool(slots, 1960) });
  return async () => {
    const r = await engine.execute({ language: 'python3', files: [{ name: 'main.py', content: Buffer.from(HELLO) }] });
    if (r.stdout.toString() !== 'Hello\n') throw new Error(`bad result ${r.status}`);
  };
}

/** Resident set size of a process in MiB. */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

export async function run(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 300);
  const p = Number(args[1] ?? 4);
  const rounds = Number(args[2] ?? 2);
  const s = await serve(mkdtempSync(join(tmpdir(), 'airlock-bench-svc-')), 1950, ['queue.maxLength=1000']);
  try {
    const pid = s.child.pid!;
    await parallel(20, p, viaHttp(s)); // warm up: JIT, page cache, the box's pooled namespaces
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMb(pid);

    const slots = Number(/"slots":(\d+)/.exec(s.log())?.[1] ?? 2);
    // The engine row goes through a launcher daemon too, as the service does: the rows differ only by the service.
    await startDaemon();
    const variants = { bare, engine: direct(slots), http: viaHttp(s) };
    const ms: Record<keyof typeof variants, number[]> = { bare: [], engine: [], http: [] };
    const total = { bare: 0, engine: 0, http: 0 };
    await parallel(10, p, variants.engine);
    // Interleave rounds so drift on a shared machine hits all alike.
    for (let r = 0; r < rounds; r++) {
      for (const [name, job] of Object.entries(variants) as [keyof typeof variants, () => Promise<void>][]) {
        const x = await parallel(n, p, job);
        ms[name].push(...x.ms);
        total[name] += x.total;
      }
    }
    const rate = (name: keyof typeof variants) => (n * rounds) / (total[name] / 1000);
    const bareRate = rate('bare');
    const httpRate = rate('http');
    const bareMs = ms.bare;
    const httpMs = ms.http;

    // 64 runs in flight (2 in boxes, the rest queued), each sleeping so they overlap; sample RSS meanwhile.
    let peak = rssMb(pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
    await parallel(128, 64, async () => {
      const r = await call(`${s.url}/v1/runs`, { body: { language: 'python3', source: 'import time\ntime.sleep(0.2)\nprint("Hello")' } });
      if (r.status !== 200) throw new Error(`bad answer ${r.status}`);
    });
    clearInterval(sampler);

    const rows = [
      ['variant', 'runs/s', 'p50 ms', 'p99 ms', 'ratio'],
      [`bare python3 -c (x${p})`, bareRate.toFixed(1), percentile(bareMs, 50).toFixed(1), percentile(bareMs, 99).toFixed(1), '1.00'],
      [`engine in process, daemon, fresh box (x${p}, ${slots} slots)`, rate('engine').toFixed(1), percentile(ms.engine, 50).toFixed(1), percentile(ms.engine, 99).toFixed(1), (rate('engine') / bareRate).toFixed(2)],
      [`HTTP /v1/runs, fresh box (x${p})`, httpRate.toFixed(1), percentile(httpMs, 50).toFixed(1), percentile(httpMs, 99).toFixed(1), (httpRate / bareRate).toFixed(2)],
    ];
    console.log(table(rows));
    console.log(`\nservice RSS: idle ${idle.toFixed(1)} MiB, with 64 runs in flight ${peak.toFixed(1)} MiB (target <= 120)`);
    console.log(`throughput ratio ${(httpRate / bareRate).toFixed(2)} (target >= 0.85)`);
    const path = writeResult('service', {
      runs: n * rounds,
      parallel: p,
      slots,
      bare: { runsPerSecond: bareRate, p50: percentile(bareMs, 50), p99: percentile(bareMs, 99) },
      engine: { runsPerSecond: rate('engine'), p50: percentile(ms.engine, 50), p99: percentile(ms.engine, 99) },
      http: { runsPerSecond: httpRate, p50: percentile(httpMs, 50), p99: percentile(httpMs, 99) },
      ratio: httpRate / bareRate,
      rssMb: { idle, at64: peak },
      targets: { ratio: 0.85, rssMb: 120 },
    });
    console.log(`wrote ${path}`);
  } finally {
    stopDaemon();
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
  }
}
