// Hello world per installed language: bare (the same command, compiled once, started from a C loop) against airlock
// (a fresh box through the launcher daemon, as the service runs it; compile cached), and a cold compile + run.
// Every run is checked: status OK, exit code 0, "Hello, World!\n".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/execute.js';
import { languages } from '../src/languages/definitions.js';
import { isInstalled } from '../src/languages/registry.js';
import { sampleOf } from '../src/languages/samples.js';
import { startDaemon, stopDaemon } from '../src/sandbox/daemon.js';
import { SlotPool } from '../src/sandbox/slots.js';
import { bareCommand, spawntimeArgs } from './bare.js';
import { checkNotFasterThanBare, checkSample } from './check.js';
import { benchSlot, describeMachine, type Figure, figure, machine, median, printFigures, sample, table, timeRuns, tool, writeResult } from './lib.js';

const EXPECTED = 'Hello, World!\n';

/** `npm run bench -- languages [runs] [language ids...]`. */
export async function run(args: string[]): Promise<Figure[]> {
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 7);
  const only = args.filter((a) => !/^\d+$/.test(a));
  const chosen = languages.filter((l) => isInstalled(l) && (only.length === 0 || only.includes(l.id)));
  const started = machine();
  const root = mkdtempSync(join(tmpdir(), 'airlock-bench-lang-'));
  const slots = new SlotPool(1, benchSlot(1980));
  const cold = new Engine({ workDir: join(root, 'work'), slots });
  const cached = new Engine({ workDir: join(root, 'work'), slots, compileCache: { dir: join(root, 'cache') } });
  const rows: (string | number)[][] = [['language', 'bare ms', 'airlock ms', 'ratio', 'cold compile+run ms', 'cached/cold']];
  const skipped: Record<string, string> = {};
  const results: Record<string, { compiled: boolean; bareMs: number; airlockMs: number; ratio: number; coldMs?: number; cachedSpeedup?: number }> = {};
  await startDaemon();
  try {
    for (const lang of chosen) {
      const hello = sampleOf(lang, 'hello');
      if (!hello) continue;
      const req = { language: lang.id, files: [{ name: hello.name, content: hello.content }] };
      const ok = (e: Engine) => async (i: number) => {
        const r = await e.execute(req);
        checkSample(
          `${lang.id} hello, run ${i}`,
          { status: r.status, exitCode: r.exitCode, stdout: r.stdout.toString(), message: `${r.message} ${r.compile?.stderr.toString() ?? ''}`.trim() },
          { stdout: EXPECTED },
        );
      };
      let bare;
      try {
        bare = bareCommand(lang, hello.content);
      } catch (e) {
        // Not a sample of airlock: the host cannot build or run it bare (isInstalled saw only part of the toolchain).
        console.log(`${lang.id}: SKIPPED, the bare baseline could not be prepared: ${(e as Error).message.split('\n')[0]}`);
        skipped[lang.id] = (e as Error).message.split('\n')[0]!;
        continue;
      }
      const bareRun = () => timeRuns(`${lang.id} bare`, tool('spawntime'), ['-o', EXPECTED, ...spawntimeArgs(bare), '1', ...bare.argv]).wall[0]!;
      // Interleave bare and boxed so drift on a shared machine hits both alike; one warm-up run each.
      bareRun();
      await ok(cached)(-1);
      const b: number[] = [];
      const a: number[] = [];
      for (let i = 0; i < n; i++) {
        b.push(bareRun());
        a.push(...(await sample(1, ok(cached), 0)));
      }
      const c = lang.compile ? await sample(Math.min(n, 3), ok(cold), 0) : undefined;
      const mb = median(b);
      const ma = median(a);
      checkNotFasterThanBare(`${lang.id} hello in a box`, ma, mb);
      const mc = c ? median(c) : undefined;
      rows.push([lang.id, mb.toFixed(1), ma.toFixed(1), (ma / mb).toFixed(2), mc ? mc.toFixed(1) : '-', mc ? `${(mc / ma).toFixed(1)}x` : '-']);
      results[lang.id] = { compiled: !!lang.compile, bareMs: mb, airlockMs: ma, ratio: ma / mb, ...(mc ? { coldMs: mc, cachedSpeedup: mc / ma } : {}) };
    }
  } finally {
    stopDaemon();
  }
  console.log(`hello world, ${n} interleaved runs per language, every run checked; ${describeMachine(started)}\n`);
  console.log(table(rows));
  const interpreted = Object.entries(results).filter(([, r]) => !r.compiled);
  const worst = interpreted.reduce((w, [id, r]) => (r.ratio > w[1] ? ([id, r.ratio] as [string, number]) : w), ['none', 0] as [string, number]);
  const figures = [
    figure(`interpreted languages, airlock/bare hello world, worst (${worst[0]})`, worst[1], 'x', 'the same command bare from a C loop', {
      op: '<=',
      value: 1.1,
    }),
  ];
  if (results.cpp?.cachedSpeedup)
    figures.push(figure('C++ cold compile+run vs cached', results.cpp.cachedSpeedup, 'x', 'the cached run', { op: '>=', value: 10 }));
  printFigures(figures);
  console.log(`wrote ${writeResult('languages', { runs: n, languages: results, skipped }, figures, started)}`);
  return figures;
}
