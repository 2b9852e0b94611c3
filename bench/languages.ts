// Hello world per installed language: bare (same binary, no sandbox) against airlock (cold compile, cached compile).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/execute.js';
import { languages } from '../src/languages/definitions.js';
import { expandArgv, expandEnv, type Fill } from '../src/languages/placeholders.js';
import { isInstalled } from '../src/languages/registry.js';
import { sampleOf } from '../src/languages/samples.js';
import { mainFileName } from '../src/languages/source.js';
import type { Language } from '../src/languages/types.js';
import { defaultRunLimits } from '../src/sandbox/limits.js';
import { SlotPool } from '../src/sandbox/slots.js';
import { median, sample, table, writeResult } from './lib.js';

const boxPath = '/usr/local/bin:/usr/bin:/bin';

/** The same commands the boxes run, on the host in a scratch directory: compile once, then time the run. */
function bare(lang: Language, dir: string, content: Buffer): () => Promise<void> {
  const source = mainFileName(lang, content);
  writeFileSync(join(dir, source), content);
  const fill = (memory: number): Fill => ({ source, files: [source], options: [], memory });
  const env = (extra: Record<string, string>) => ({ PATH: boxPath, HOME: dir, TMPDIR: dir, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...extra });
  if (lang.compile) {
    const f = fill(1024 * 1024 * 1024);
    const [cmd, ...args] = expandArgv(lang, lang.compile, f).map((a) => a.replace(/^\/tmp\//, `${dir}/tmp-`));
    execFileSync(cmd!, args, { cwd: dir, env: env({ ...expandEnv(lang.env, f), ...expandEnv(lang.compileEnv, f) }), stdio: 'ignore' });
  }
  const f = fill(defaultRunLimits.memory);
  const [cmd, ...args] = expandArgv(lang, lang.run, f);
  const runEnv = env(expandEnv(lang.env, f));
  return async () => {
    execFileSync(cmd!, args, { cwd: dir, env: runEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  };
}

export async function run(args: string[]): Promise<void> {
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 7);
  const only = args.filter((a) => !/^\d+$/.test(a));
  const chosen = languages.filter((l) => isInstalled(l) && (only.length === 0 || only.includes(l.id)));
  const root = mkdtempSync(join(tmpdir(), 'airlock-bench-lang-'));
  const slots = new SlotPool(1, 1980);
  const cold = new Engine({ workDir: join(root, 'work'), slots });
  const cached = new Engine({ workDir: join(root, 'work'), slots, compileCache: { dir: join(root, 'cache') } });
  const rows: (string | number)[][] = [['language', 'bare ms', 'airlock ms', 'ratio', 'cold compile+run ms', 'cached/cold']];
  const results: Record<string, unknown> = {};
  for (const lang of chosen) {
    const hello = sampleOf(lang, 'hello');
    if (!hello) continue;
    const dir = join(root, lang.id);
    mkdirSync(dir);
    const req = { language: lang.id, files: [{ name: hello.name, content: hello.content }] };
    const ok = async (e: Engine) => {
      const r = await e.execute(req);
      if (r.status !== 'OK') throw new Error(`${lang.id}: ${r.status} ${r.message} ${r.compile?.stderr ?? ''}`);
    };
    try {
      // Interleave bare and boxed so drift on a shared machine hits both alike.
      const bareRun = bare(lang, dir, hello.content);
      const b: number[] = [];
      const a: number[] = [];
      for (let i = 0; i < n; i++) {
        b.push(...(await sample(1, bareRun, i === 0 ? 1 : 0)));
        a.push(...(await sample(1, () => ok(cached), i === 0 ? 1 : 0)));
      }
      const c = lang.compile ? await sample(Math.min(n, 3), () => ok(cold), 0) : undefined;
      const mb = median(b);
      const ma = median(a);
      const mc = c ? median(c) : undefined;
      rows.push([lang.id, mb.toFixed(1), ma.toFixed(1), (ma / mb).toFixed(2), mc ? mc.toFixed(1) : '-', mc ? `${(mc / ma).toFixed(1)}x` : '-']);
      results[lang.id] = { compiled: !!lang.compile, bareMs: mb, airlockMs: ma, ratio: ma / mb, ...(mc ? { coldMs: mc, cachedSpeedup: mc / ma } : {}) };
    } catch (e) {
      rows.push([lang.id, 'failed', (e as Error).message.slice(0, 60), '', '', '']);
      results[lang.id] = { error: (e as Error).message };
    }
  }
  console.log(table(rows));
  const interpreted = Object.values(results).filter((r): r is { compiled: boolean; ratio: number } => !!r && typeof (r as { ratio?: number }).ratio === 'number' && !(r as { compiled: boolean }).compiled);
  const worst = Math.max(...interpreted.map((r) => r.ratio));
  const cpp = results.cpp as { cachedSpeedup?: number } | undefined;
  console.log(`\ninterpreted languages, airlock/bare: worst ${worst.toFixed(2)}x (target <= 1.10x): ${worst <= 1.1 ? 'met' : 'NOT met'}`);
  if (cpp?.cachedSpeedup) console.log(`C++ cached compile vs cold compile: ${cpp.cachedSpeedup.toFixed(1)}x faster (target >= 10x): ${cpp.cachedSpeedup >= 10 ? 'met' : 'NOT met'}`);
  console.log(`wrote ${writeResult('languages', { runs: n, languages: results, targets: { interpretedRatio: 1.1, cppCacheSpeedup: 10 } })}`);
}
