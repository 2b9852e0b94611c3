// Service throughput: Python hello world through HTTP (each run a fresh box) against the same python3 command
// started bare from a small C loop (bench/tools/spawntime.c) at the same parallelism as the HTTP clients, p50/p99
// latency, the service's own CPU per run, and its RSS idle and with 64 runs in flight. Every run and answer is
// checked. The HTTP clients are a small C program too (bench/tools/httpload.c): a client in Node cost about 1.5 ms
// of CPU per request on the two cores the service and its boxes share.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/execute.js';
import { getLanguage } from '../src/languages/registry.js';
import { startDaemon, stopDaemon } from '../src/sandbox/daemon.js';
import { SlotPool } from '../src/sandbox/slots.js';
import { call, serve, type ServiceProcess } from '../test/helpers/process.js';
import { bareCommand, spawntimeArgs } from './bare.js';
import { BadSample, checkHttp, checkRatePossible, checkSample, checkWithinBound } from './check.js';
import { cpuOf } from './cpu.js';
import {
  benchSlot,
  describeMachine,
  type Figure,
  figure,
  machine,
  percentile,
  printFigures,
  table,
  timeRuns,
  timeRunsAsync,
  tool,
  writeResult,
} from './lib.js';

const HELLO = 'print("Hello")';
const EXPECTED = 'Hello\n';

/** Run `n` jobs, `p` at a time; returns each job's milliseconds and the total. */
export async function parallel(n: number, p: number, job: (i: number) => Promise<void>): Promise<{ ms: number[]; total: number }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: p }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await job(i);
        ms.push(performance.now() - t);
      }
    }),
  );
  return { ms, total: performance.now() - t0 };
}

/** POST a run with node:http over kept-alive connections (a lean client); checks the answer: 200, OK, the output. */
export const viaHttp = (s: ServiceProcess, source = HELLO, expected = EXPECTED, label = 'HTTP /v1/runs') => {
  const agent = new Agent({ keepAlive: true });
  const body = JSON.stringify({ language: 'python3', source });
  return (i: number) =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${s.url}/v1/runs`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          try {
            checkHttp(`${label} run ${i}`, res.statusCode, text);
            const r = JSON.parse(text).result;
            checkSample(`${label} run ${i}`, { status: r.status, exitCode: r.exitCode, stdout: r.stdout, message: r.message }, { stdout: expected });
            resolve();
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      });
      req.on('error', (e) => reject(new BadSample(`${label} run ${i}: ${e.message}`)));
      req.end(body);
    });
};

/** The engine in this process, same slots, no HTTP, queue or store: what the box itself costs. */
function direct(slots: number) {
  const engine = new Engine({ workDir: mkdtempSync(join(tmpdir(), 'airlock-bench-eng-')), slots: new SlotPool(slots, benchSlot(1960)) });
  return async (i: number) => {
    const r = await engine.execute({ language: 'python3', files: [{ name: 'main.py', content: Buffer.from(HELLO) }] });
    checkSample(`engine run ${i}`, { status: r.status, exitCode: r.exitCode, stdout: r.stdout.toString(), message: r.message }, { stdout: EXPECTED });
  };
}

/** `n` hello-world runs through POST /v1/runs, `p` at a time, by httpload (each answer checked there). */
function httpRuns(s: ServiceProcess, label: string, n: number, p: number) {
  const body = join(mkdtempSync(join(tmpdir(), 'airlock-bench-body-')), 'run.json');
  writeFileSync(body, JSON.stringify({ language: 'python3', source: HELLO }));
  return () => timeRunsAsync(label, tool('httpload'), ['-c', String(p), '-o', EXPECTED, String(n), `${s.url}/v1/runs`, body]);
}

/** Resident set size of a process in MiB. */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

/** `npm run bench -- service [runs per round] [clients] [rounds]`. */
export async function run(args: string[]): Promise<Figure[]> {
  const n = Number(args[0] ?? 300);
  const p = Number(args[1] ?? 4);
  const rounds = Number(args[2] ?? 2);
  const started = machine();
  const s = await serve(mkdtempSync(join(tmpdir(), 'airlock-bench-svc-')), 1950 /* serve() shifts it by AIRLOCK_TEST_SLOT_OFFSET */, ['queue.maxLength=1000']);
  try {
    const pid = s.child.pid!;
    await httpRuns(s, 'HTTP warm-up', 20, p)(); // warm up: JIT, page cache, the box's pooled namespaces
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMb(pid);

    const slots = Number(/"slots":(\d+)/.exec(s.log())?.[1] ?? 2);
    // The engine row goes through a launcher daemon too, as the service does: the rows differ only by the service.
    await startDaemon();
    const bare = bareCommand(getLanguage('python3'), Buffer.from(HELLO));
    const spawntime = tool('spawntime');
    const bareAt = (q: number) => () =>
      timeRuns(`bare python3 x${q}`, spawntime, ['-j', String(q), '-o', EXPECTED, ...spawntimeArgs(bare), String(n), ...bare.argv]);
    const ms = { bare: [] as number[], bareSlots: [] as number[], engine: [] as number[], http: [] as number[] };
    const total = { bare: 0, bareSlots: 0, engine: 0, http: 0 };
    // Busy CPU of the whole machine per variant, and the Node process that drives it (this one for the engine row,
    // the service for HTTP): what is left is the box, python3 and the C client.
    const machineCpu = { bare: 0, bareSlots: 0, engine: 0, http: 0 };
    const nodeCpu = { engine: 0, http: 0 };
    await parallel(10, p, direct(slots));
    const engine = direct(slots);
    const http = httpRuns(s, `HTTP /v1/runs x${p}`, n, p);
    // Interleave rounds so drift on a shared machine hits all alike.
    for (let r = 0; r < rounds; r++) {
      for (const [name, q] of [
        ['bare', p],
        ['bareSlots', slots],
      ] as const) {
        const { result: t, cpu } = await cpuOf([], bareAt(q));
        ms[name].push(...t.wall);
        total[name] += t.totalMs;
        machineCpu[name] += cpu.machine;
      }
      const { result: x, cpu: ce } = await cpuOf([process.pid], () => parallel(n, p, engine));
      ms.engine.push(...x.ms);
      total.engine += x.total;
      machineCpu.engine += ce.machine;
      nodeCpu.engine += ce.processes[0]!;
      const { result: t, cpu: ch } = await cpuOf([pid], http);
      ms.http.push(...t.wall);
      total.http += t.totalMs;
      machineCpu.http += ch.machine;
      nodeCpu.http += ch.processes[0]!;
    }
    const perRun = (x: number) => x / (n * rounds);
    const serviceCpuPerRun = perRun(nodeCpu.http);
    // A fresh box's python3 run without any Node around it (the engine row's machine CPU less this process's): even a
    // service that cost nothing could go no faster than bare's CPU per run over this, with every core busy.
    const boxRunCpu = perRun(machineCpu.engine - nodeCpu.engine);
    const ceiling = perRun(machineCpu.bare) / boxRunCpu;
    const rate = (name: keyof typeof total) => (n * rounds) / (total[name] / 1000);
    const bareRate = rate('bare');
    const httpRate = rate('http');
    // The service runs the same python3 plus a box: faster than that python3 bare at the same parallelism is a bug.
    checkRatePossible(`HTTP /v1/runs x${p}`, httpRate, Math.max(bareRate, rate('bareSlots')));
    checkRatePossible(`engine x${p}`, rate('engine'), Math.max(bareRate, rate('bareSlots')));
    checkWithinBound(`HTTP /v1/runs x${p}`, httpRate / bareRate, ceiling, 'ceiling');

    // 64 runs in flight (2 in boxes, the rest queued), each sleeping so they overlap; sample RSS meanwhile.
    let peak = rssMb(pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
    await parallel(128, 64, async (i) => {
      const r = await call(`${s.url}/v1/runs`, { body: { language: 'python3', source: 'import time\ntime.sleep(0.2)\nprint("Hello")' } });
      checkHttp(`64 in flight, run ${i}`, r.status, JSON.stringify(r.body));
      checkSample(
        `64 in flight, run ${i}`,
        { status: r.body.result.status, exitCode: r.body.result.exitCode, stdout: r.body.result.stdout },
        { stdout: EXPECTED },
      );
    });
    clearInterval(sampler);

    const row = (label: string, name: keyof typeof total) => [
      label,
      rate(name).toFixed(1),
      percentile(ms[name], 50).toFixed(1),
      percentile(ms[name], 99).toFixed(1),
      (rate(name) / bareRate).toFixed(2),
      perRun(machineCpu[name]).toFixed(2),
    ];
    console.log(`python3 hello world, ${n * rounds} runs per variant in ${rounds} interleaved rounds, every answer checked; ${describeMachine(started)}\n`);
    console.log(
      table([
        ['variant', 'runs/s', 'p50 ms', 'p99 ms', 'ratio', 'machine CPU ms/run'],
        row(`bare python3, from a C loop (x${p})`, 'bare'),
        row(`bare python3, from a C loop (x${slots}, as many as slots)`, 'bareSlots'),
        row(`engine in process, daemon, fresh box (x${p}, ${slots} slots)`, 'engine'),
        row(`HTTP /v1/runs, fresh box, C clients (x${p}, ${slots} slots)`, 'http'),
      ]),
    );
    console.log(
      `\nCPU per run: bare python3 ${perRun(machineCpu.bare).toFixed(2)} ms; in a fresh box ${boxRunCpu.toFixed(2)} ms (the engine row less its Node ` +
        `process, ${perRun(nodeCpu.engine).toFixed(2)} ms); the service process ${serviceCpuPerRun.toFixed(2)} ms per HTTP run.\n` +
        `So no service, however cheap, could pass ${ceiling.toFixed(2)}x bare here with a fresh box per run (every core busy, no Node at all).\n`,
    );
    const bareText = `bare python3 x${p} from a C loop: ${bareRate.toFixed(1)} runs/s, p50 ${percentile(ms.bare, 50).toFixed(1)} ms, p99 ${percentile(ms.bare, 99).toFixed(1)} ms`;
    const figures = [
      figure(`HTTP python3 hello-world throughput vs bare (x${p} clients)`, httpRate / bareRate, 'x', bareText, { op: '>=', value: 0.9 }),
      figure(`HTTP p50 latency (x${p} clients)`, percentile(ms.http, 50), 'ms', bareText, null),
      figure(`HTTP p99 latency (x${p} clients)`, percentile(ms.http, 99), 'ms', bareText, null),
      figure(`service CPU per HTTP run (x${p} clients; its own /proc counters)`, serviceCpuPerRun, 'ms', bareText, null),
      figure(
        "ceiling of the HTTP ratio set by the box alone (bare CPU per run / a boxed run's CPU without Node)",
        ceiling,
        'x',
        `bare python3 ${perRun(machineCpu.bare).toFixed(2)} ms of machine CPU per run, boxed ${boxRunCpu.toFixed(2)} ms`,
        null,
      ),
      figure('service RSS idle', idle, 'MiB', 'none', { op: '<=', value: 100 }),
      figure('service RSS with 64 runs in flight', peak, 'MiB', 'none', { op: '<=', value: 100 }),
    ];
    printFigures(figures);
    const stats = (name: keyof typeof total) => ({ runsPerSecond: rate(name), p50: percentile(ms[name], 50), p99: percentile(ms[name], 99) });
    const path = writeResult(
      'service',
      {
        runs: n * rounds,
        parallel: p,
        slots,
        rounds,
        bare: stats('bare'),
        bareAtSlots: stats('bareSlots'),
        engine: stats('engine'),
        http: stats('http'),
        serviceCpuMsPerRun: serviceCpuPerRun,
        machineCpuMsPerRun: {
          bare: perRun(machineCpu.bare),
          bareAtSlots: perRun(machineCpu.bareSlots),
          engine: perRun(machineCpu.engine),
          http: perRun(machineCpu.http),
        },
        engineNodeCpuMsPerRun: perRun(nodeCpu.engine),
        boxedRunCpuMs: boxRunCpu,
        ceilingFromBoxCpu: ceiling,
        ratio: httpRate / bareRate,
        rssMb: { idle, at64: peak },
      },
      figures,
      started,
    );
    console.log(`wrote ${path}`);
    return figures;
  } finally {
    stopDaemon();
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
  }
}
