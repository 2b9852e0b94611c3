// Jobe's sustained load, as Jobe's own `testsubmit.py --perf` measures it, against a live `airlock serve`: C hello
// world through POST /jobe/index.php/restapi/runs, one new connection per job. First bursts of 1, 2, 4 ... jobs sent
// at once until one is not completed; then, from the best burst rate less 5, jobs sent at a steady rate over a window,
// raising the rate (+1 below 10 jobs/s, else x1.2) until a step is not all completed. What is counted is COMPLETED
// jobs per second (outcome 15 with the expected output, over the time from the first send to the last answer); an
// answer with outcome 21 (server overload) is not completed and is reported apart. Any other answer is a bad sample.
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguage } from '../src/languages/registry.js';
import { serve } from '../test/helpers/process.js';
import { bareCommand, spawntimeArgs } from './bare.js';
import { BadSample, checkHttp, checkRatePossible } from './check.js';
import { describeMachine, type Figure, figure, machine, percentile, printFigures, table, timeRuns, tool, writeResult } from './lib.js';

const SOURCE = '#include <stdio.h>\nint main(void) {\n    printf("Hello from C\\n");\n    return 0;\n}\n';
const EXPECTED = 'Hello from C\n';
const SUCCESS = 15;
const OVERLOAD = 21;

/** What a set of jobs came to. */
interface Tally {
  sent: number;
  completed: number;
  overloaded: number;
  /** From the first send to the last answer. */
  seconds: number;
  latencies: number[];
}

/** One job: a new connection (as testsubmit.py's http.client does), a run_spec, the answer checked. */
function job(url: string, i: number, unique: boolean): Promise<'completed' | 'overloaded'> {
  const sourcecode = unique ? `${SOURCE}/* job ${i} */\n` : SOURCE;
  const body = JSON.stringify({ run_spec: { language_id: 'c', sourcecode, sourcefilename: 'prog.c' } });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/jobe/index.php/restapi/runs`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          try {
            checkHttp(`Jobe job ${i}`, res.statusCode, text);
            const r = JSON.parse(text) as { outcome: number; stdout: string; stderr: string; cmpinfo: string };
            if (r.outcome === OVERLOAD) return resolve('overloaded');
            if (r.outcome !== SUCCESS || r.stdout !== EXPECTED)
              throw new BadSample(
                `Jobe job ${i}: outcome ${r.outcome}, stdout ${JSON.stringify(r.stdout)} (expected ${SUCCESS}, ${JSON.stringify(EXPECTED)}): ${text.slice(0, 300)}`,
              );
            resolve('completed');
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      },
    );
    req.on('error', (e) => reject(new BadSample(`Jobe job ${i}: ${e.message}`)));
    req.end(body);
  });
}

/** Send `n` jobs, one every `gapMs` (0: all at once), without waiting for answers; tally them when all are in. */
async function send(url: string, n: number, gapMs: number, unique: boolean, first: number): Promise<Tally> {
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  const tally: Tally = { sent: n, completed: 0, overloaded: 0, seconds: 0, latencies: [] };
  for (let i = 0; i < n; i++) {
    // Steady pacing against the clock, not by sleeping gap after gap (sleeps drift late under load).
    const due = t0 + i * gapMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t = performance.now();
    pending.push(
      job(url, first + i, unique).then((what) => {
        tally.latencies.push(performance.now() - t);
        tally[what]++;
      }),
    );
  }
  await Promise.all(pending);
  tally.seconds = (performance.now() - t0) / 1000;
  return tally;
}

const opt = (args: string[], name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};

/** `npm run bench -- jobe [--window S] [--max-burst N] [--unique]`. */
export async function run(args: string[]): Promise<Figure[]> {
  const window = opt(args, 'window', 10);
  const maxBurst = opt(args, 'max-burst', 256);
  const unique = args.includes('--unique');
  const started = machine();
  const cores = availableParallelism();

  // The baseline, and the physical maximum: the same program, compiled once, run bare from a C loop, one per core.
  const bare = bareCommand(getLanguage('c'), Buffer.from(SOURCE));
  const b = timeRuns(`bare C hello x${cores}`, tool('spawntime'), ['-j', String(cores), '-o', EXPECTED, ...spawntimeArgs(bare), '1000', ...bare.argv]);
  const bareRate = 1000 / (b.totalMs / 1000);

  const s = await serve(mkdtempSync(join(tmpdir(), 'airlock-bench-jobe-')), 1940 /* serve() shifts it by AIRLOCK_TEST_SLOT_OFFSET */, [`slots=${cores}`]);
  let next = 0;
  try {
    await send(s.url, 10, 0, unique, (next += 10) - 10); // warm up: compile (and cache), JIT, the launcher daemon

    const rows: (string | number)[][] = [['phase', 'sent', 'completed', 'overload (21)', 'seconds', 'completed/s', 'p50 ms', 'p99 ms']];
    const steps: Array<{ phase: string; offered: number | null } & Tally> = [];
    const record = (phase: string, offered: number | null, t: Tally) => {
      steps.push({ phase, offered, ...t });
      rows.push([
        phase,
        t.sent,
        t.completed,
        t.overloaded,
        t.seconds.toFixed(1),
        (t.completed / t.seconds).toFixed(1),
        percentile(t.latencies, 50).toFixed(0),
        percentile(t.latencies, 99).toFixed(0),
      ]);
    };

    // Bursts: 1, 2, 4 ... at once, until one is not all completed.
    let burst = 1;
    let bestBurstRate = 0;
    let peakBurst = 0;
    for (; burst <= maxBurst; burst *= 2) {
      const t = await send(s.url, burst, 0, unique, (next += burst) - burst);
      record(`burst of ${burst}`, null, t);
      if (t.completed < t.sent) break;
      peakBurst = burst;
      bestBurstRate = Math.max(bestBurstRate, t.completed / t.seconds);
    }

    // Sustained: a steady rate over the window, raised until a step is not all completed. Beyond Jobe's procedure,
    // a step whose completed rate falls under 90 % of the offered rate ends the climb too: the queue is absorbing
    // the excess (latency grows without bound), so a higher offered rate would only measure the queue.
    let rate = Math.max(1, Math.floor(bestBurstRate - 5));
    let jobeStyle = 0;
    let bestCompleted = 0;
    for (let step = 0; step < 12; step++) {
      const n = Math.round(window * rate);
      const t = await send(s.url, n, 1000 / rate, unique, (next += n) - n);
      record(`${rate} jobs/s for ${window} s`, rate, t);
      const completedRate = t.completed / t.seconds;
      if (t.completed < t.sent) break;
      jobeStyle = rate;
      bestCompleted = Math.max(bestCompleted, completedRate);
      if (completedRate < 0.9 * rate) break;
      rate = rate < 10 ? rate + 1 : Math.floor(rate * 1.2);
    }
    // Every completed job ran the program at least once: more completions per second than bare runs of it is a bug.
    checkRatePossible('Jobe sustained completed jobs/s', bestCompleted, bareRate);
    checkRatePossible('Jobe best burst rate', bestBurstRate, bareRate);
    const overloaded = steps.reduce((a, t) => a + t.overloaded, 0);

    console.log(
      `C hello world through Jobe's API, ${cores} slots, window ${window} s, ${unique ? 'a different source per job (every job compiles)' : 'the same source every job (compiled once, then from the compile cache)'}; every answer checked; ${describeMachine(started)}\n`,
    );
    console.log(table(rows));
    console.log(`\noverload answers (outcome 21, not completed): ${overloaded}`);
    const bareText = `bare runs of the same compiled program from a C loop, ${cores} at a time: ${bareRate.toFixed(0)} runs/s`;
    const figures = [
      figure(`Jobe sustained load, C, completed jobs/s (${cores} cores${unique ? ', a different source per job' : ''})`, bestCompleted, 'jobs/s', bareText, {
        op: '>=',
        value: 80,
      }),
      figure(
        "testsubmit.py's own figure: highest offered rate whose jobs all completed (a queue absorbs an excess, so it can exceed what completes per second)",
        jobeStyle,
        'jobs/s',
        bareText,
        null,
      ),
      figure('Jobe peak burst with every job completed', peakBurst, 'jobs', 'none', null),
    ];
    printFigures(figures);
    console.log(
      `wrote ${writeResult(unique ? 'jobe-unique' : 'jobe', { window, cores, uniqueSources: unique, bareRunsPerSecond: bareRate, bestBurstRate, peakBurst, jobeStyleRate: jobeStyle, completedPerSecond: bestCompleted, overloaded, steps: steps.map(({ latencies, ...t }) => ({ ...t, p50: percentile(latencies, 50), p99: percentile(latencies, 99) })) }, figures, started)}`,
    );
    return figures;
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
  }
}
