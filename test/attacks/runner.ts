// Runs catalogue entries: stages each program once, runs it in a fresh box (or through the engine),
// then checks the host and makes the next run on the same slot prove that nothing was left behind.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Engine, type ExecuteResult, type StageResult } from '../../src/engine/execute.js';
import { isAirlockError } from '../../src/errors.js';
import { type BoxLimits, defaultRunLimits } from '../../src/sandbox/limits.js';
import { runBox } from '../../src/sandbox/run.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { hostSnapshot, leftovers, repoRoot } from '../helpers/box.js';
import type { Attack } from './catalogue/types.js';
import type { Observation } from './expect.js';
import { type Fixtures, fill, hostActivity, uidSentinel } from './fixtures.js';
import { forbiddenPaths, plainTree, serviceMemory } from './hostcheck.js';
import { runtimes } from './runtimes.js';

/** Limits every attack starts from: short, so the catalogue stays quick. */
const base: BoxLimits = { ...defaultRunLimits, cpuTime: 1, wallTime: 3 };
const programs = join(repoRoot, 'test/attacks/programs');
const empty = Buffer.alloc(0);

/** The catalogue's runner for one test process. */
export class AttackRunner {
  private readonly staged = new Map<string, Promise<string>>();

  constructor(
    private readonly fx: Fixtures,
    private readonly workDir: string,
  ) {}

  /** The limits an attack's box gets. */
  limits(a: Attack): BoxLimits {
    return { ...base, ...runtimes[a.lang].limits, ...a.limits };
  }

  /** Stage (and for C/C++ compile, in a box on `slot`) a program once; the host directory copied into its boxes. */
  stage(lang: Attack['lang'], source: string, slot: number): Promise<string> {
    const key = `${lang}:${source}`;
    let dir = this.staged.get(key);
    if (!dir) {
      dir = this.build(lang, source, slot);
      this.staged.set(key, dir);
    }
    return dir;
  }

  private async build(lang: Attack['lang'], source: string, slot: number): Promise<string> {
    const rt = runtimes[lang];
    const content = await readFile(join(programs, source));
    if (rt.compiled) {
      const engine = new Engine({ workDir: this.workDir, slots: new SlotPool(1, slot) });
      const program = await engine.prepare({ language: lang, files: [{ name: basename(source), content }] });
      if (program.failed) throw new Error(`${source} does not compile: ${program.failed.compile?.stderr.toString()}`);
      return program.dir!; // compiled without a cache: a private directory, kept until the fixtures' directory goes
    }
    const dir = await mkdtemp(join(this.workDir, 'src-'));
    await writeFile(join(dir, rt.file), content, { mode: 0o644 });
    return dir;
  }

  /** Run one attack on a slot this caller holds, with every host-side check after it. */
  async run(a: Attack, slot: number): Promise<Observation> {
    const before = hostSnapshot();
    const hits = this.fx.hits();
    const sentinel = a.fixture === 'uid-sentinel' ? await uidSentinel(slot) : undefined;
    const activity = a.fixture === 'host-activity' ? hostActivity() : undefined;
    const host: string[] = [];
    let obs: Observation;
    try {
      obs = a.engine ? await this.viaEngine(a, slot, host) : await this.inBox(a, slot, host);
    } finally {
      activity?.stop();
      if (sentinel && !sentinel.alive()) host.push('kill(-1) in the box killed a host process with the same uid');
      await sentinel?.stop();
    }
    host.push(...(await leftovers(slot, before)), ...forbiddenPaths(), ...serviceMemory());
    if (this.fx.hits() !== hits) host.push(`a host service fixture was reached ${this.fx.hits() - hits} time(s)`);
    if (obs.status !== 'REJECTED') host.push(...(await this.nextRun(slot)));
    obs.host = host;
    return obs;
  }

  private async inBox(a: Attack, slot: number, host: string[]): Promise<Observation> {
    const rt = runtimes[a.lang];
    const limits = this.limits(a);
    const copyOut = a.copyOut ? await mkdtemp(join(this.workDir, 'out-')) : undefined;
    const r = await runBox(
      {
        command: [...rt.command(limits), ...(a.args ?? []).map((x) => fill(x, this.fx))],
        slot,
        limits,
        copyIn: await this.stage(a.lang, a.source, slot),
        env: rt.env,
        etc: rt.etc,
        ...(copyOut ? { copyOut } : {}),
        ...(a.tty ? { tty: true } : {}),
      },
      a.stdinBytes ? { stdin: Buffer.alloc(a.stdinBytes, 'x') } : {},
    );
    if (copyOut) host.push(...plainTree(copyOut, this.fx.token));
    const { status, exitCode, signal, message, stdout, stderr, wallTime } = r;
    return { status, exitCode, signal, message, stdout, stderr, wallTime, host: [] };
  }

  private async viaEngine(a: Attack, slot: number, host: string[]): Promise<Observation> {
    const engine = new Engine({ workDir: this.workDir, slots: new SlotPool(1, slot) });
    const content = await readFile(join(programs, a.source));
    const e = a.engine!;
    const names = e.fileNames ?? [basename(a.source)];
    let last: Observation | undefined;
    for (const name of names) {
      try {
        const program = await engine.prepare({
          language: a.lang,
          files: [{ name, content }],
          ...(e.compileOptions ? { compileOptions: e.compileOptions.map((x) => fill(x, this.fx)) } : {}),
          ...(e.compileLimits ? { compileLimits: e.compileLimits } : {}),
          ...(e.args ? { args: e.args } : {}),
        });
        try {
          if (program.dir) host.push(...plainTree(program.dir, this.fx.token));
          const result: ExecuteResult = program.failed ?? (await engine.run(program, { limits: this.limits(a), ...(e.args ? { args: e.args } : {}) }));
          last = fromStage(result, program.compile);
        } finally {
          await program.dispose();
        }
      } catch (err) {
        if (!isAirlockError(err) || err.statusCode >= 500) throw err;
        last ??= { status: 'REJECTED', exitCode: 0, signal: 0, message: `${err.code}: ${err.message}`, stdout: empty, stderr: empty, wallTime: 0, host: [] };
        continue;
      }
      if (e.fileNames) break; // a name that got through: report it
    }
    return last!;
  }

  /** The next run on the slot must see nothing of this one (files, IPC, sockets, processes). */
  private async nextRun(slot: number): Promise<string[]> {
    const r = await runBox({ command: ['./main'], slot, limits: base, copyIn: await this.stage('c', 'c/nextrun.c', slot) });
    const out = r.stdout.toString();
    if (r.status === 'OK' && out === 'clean\n') return [];
    return [`next run on the slot: ${r.status} ${out.trim().split('\n').join('; ')}`];
  }
}

/** An engine result as an observation; compile output counts as output (secrets must not leak through it). */
function fromStage(r: ExecuteResult | StageResult, compile?: StageResult): Observation {
  const stderr = compile && r.status === 'CE' ? Buffer.concat([compile.stdout, compile.stderr]) : r.stderr;
  return { status: r.status, exitCode: r.exitCode, signal: r.signal, message: r.message, stdout: r.stdout, stderr, wallTime: r.wallTime, host: [] };
}
