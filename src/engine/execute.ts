// One execution: stage the files, compile in a box (or take the cached compile), run in a fresh box.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AirlockError, isAirlockError } from '../errors.js';
import { compileCommand, keepsNames } from '../languages/dialects/index.js';
import { expandArgv, expandEnv, type Fill } from '../languages/placeholders.js';
import { profileFor } from '../languages/profiles.js';
import { getLanguage, isInstalled, languageVersion } from '../languages/registry.js';
import type { Language, Stage } from '../languages/types.js';
import type { BoxLimits } from '../sandbox/limits.js';
import type { Bind, BoxOptions } from '../sandbox/options.js';
import type { BoxStatus } from '../sandbox/result.js';
import { type BoxIO, runBox } from '../sandbox/run.js';
import type { SlotPool } from '../sandbox/slots.js';
import { type CacheStats, cacheKey, CompileCache } from './compile-cache.js';
import { type SourceFile, validateFiles } from './files.js';
import { checkLimits, compileLimits, runLimits } from './limits.js';
import { placeFiles } from './place.js';
import { loadStage, type StageResult, stageOf, type StoredStage, storeStage } from './stage.js';
import { makeStaging } from './workspace.js';

export type { StageResult } from './stage.js';

/** What a caller asks to execute. */
export interface ExecuteRequest {
  language: string;
  /** The files; the first (or `main`) is the program and is stored under the language's source name. */
  files: SourceFile[];
  main?: string;
  stdin?: Buffer | string;
  args?: string[];
  compileOptions?: string[];
  /** A compatibility API's compilers (src/languages/dialects) instead of the language's own. */
  dialect?: string;
  limits?: Partial<BoxLimits>;
  compileLimits?: Partial<BoxLimits>;
}

/** The whole execution: the run stage's fields, CE when compiling failed, and the compile stage. */
export interface ExecuteResult extends Omit<StageResult, 'status' | 'cached'> {
  status: BoxStatus | 'CE';
  compile?: StageResult;
}

/** How boxes filter system calls: per-language allow-lists where recorded, the baseline only, or recording (profiling). */
export type SeccompMode = 'profile' | 'baseline' | 'record';

/** Host-side settings shared by every execution. */
export interface EngineConfig {
  /** Root of the private staging directories. */
  workDir: string;
  slots: SlotPool;
  /** Launcher settings that are the host's, not the caller's. */
  sandbox?: Pick<BoxOptions, 'stateDir' | 'cgroup' | 'cgroupRoot' | 'uidBase' | 'root'>;
  /** Server-wide ceilings on every limit. */
  ceiling?: BoxLimits;
  /** Compile cache: a service-private directory and a size cap (512 MiB); absent, every compile runs. */
  compileCache?: { dir: string; maxBytes?: number };
  /** Most bytes a compile may leave in /box (sources included); more is CE with OLE. */
  artifactLimit?: number;
  /** 'profile' by default. */
  seccomp?: SeccompMode;
  /** Milliseconds to wait for a slot another launcher still holds (the service's own slots): 0 gives up at once. */
  busySlotWait?: number;
}

/** A program ready to run any number of times: its files (compiled if needed), on disk or in memory. */
export interface Program {
  lang: Language;
  /** Host directory copied into each run box's /box (a cached compile's artifacts are only ever copied). */
  dir?: string;
  /** Or, for interpreted languages, the files themselves: no staging on disk at all. */
  sources?: SourceFile[];
  /** The main file's name in /box, and every file's. */
  source: string;
  files: string[];
  /** The compile stage, for compiled languages. */
  compile?: StageResult;
  /** Set when compiling failed: the result to report (CE, or IE for our failure). */
  failed?: ExecuteResult;
  /** Remove the program's files and release its cache entry. */
  dispose(): Promise<void>;
}

/** One run of a prepared program. */
export interface RunRequest {
  stdin?: Buffer | string;
  /** A host file to use as stdin instead (test inputs). */
  stdinFile?: string;
  args?: string[];
  limits?: Partial<BoxLimits>;
  /** Give the box the host's network (the launcher's --network); the service allows it only by server and key permission. */
  network?: boolean;
  /** Live output, streamed stdin and other I/O hooks, passed to the box; `stdio`/`onSpawn` join boxes by pipes. */
  io?: Pick<BoxIO, 'onStdout' | 'onStderr' | 'collect' | 'stdin' | 'stdio' | 'onSpawn' | 'terminal'>;
  /** The program's stdio is a terminal of the box's own (interactive sessions); stderr is merged into stdout. */
  tty?: boolean;
  /** Extra read-only host files or directories in the box (a checker's input, output and answer). */
  binds?: Bind[];
  /** Give the program the launcher's fds 0-2 (see BoxIO.stdio). */
  passthrough?: boolean;
  /** A slot the caller already holds (SlotPool.withMany); otherwise one is taken from the pool. */
  slot?: number;
}

const MB = 1024 * 1024;

/** Runs executions; one instance per process. */
export class Engine {
  private readonly cache: CompileCache<StoredStage> | undefined;

  constructor(readonly config: EngineConfig) {
    const c = config.compileCache;
    this.cache = c ? new CompileCache(c.dir, c.maxBytes ?? 512 * MB) : undefined;
  }

  /** The compile cache's counters, or undefined without a cache. */
  cacheStats(): CacheStats | undefined {
    return this.cache?.stats();
  }

  /** Execute a request: prepare (compile) once, run once. The program failing is a result. */
  async execute(req: ExecuteRequest, signal?: AbortSignal): Promise<ExecuteResult> {
    const program = await this.prepare(req, signal);
    try {
      if (program.failed) return program.failed;
      const run = await this.run(
        program,
        { ...(req.stdin !== undefined ? { stdin: req.stdin } : {}), ...(req.args ? { args: req.args } : {}), ...(req.limits ? { limits: req.limits } : {}) },
        signal,
      );
      return { ...withoutCached(run), ...(program.compile ? { compile: program.compile } : {}) };
    } finally {
      await program.dispose();
    }
  }

  /** Check a request, stage its files and compile them in a box (or take the cached compile). The caller disposes the program. */
  async prepare(req: ExecuteRequest, signal?: AbortSignal): Promise<Program> {
    const lang = getLanguage(req.language);
    if (!isInstalled(lang)) throw new AirlockError('AIRLOCK_ERR_LANGUAGE_NOT_INSTALLED', lang.id);
    validateFiles(req.files);
    checkLimits(req.limits, this.config.ceiling);
    checkLimits(req.compileLimits, this.config.ceiling);
    checkArgs([...(req.args ?? []), ...(req.compileOptions ?? [])]);
    const placed = placeFiles(lang, req.files, req.main, keepsNames(req.dialect));
    const names = { source: placed.source, files: placed.files.map((f) => f.name) };
    // Interpreted: the files go to each box from memory (frames to the launcher daemon).
    const compile = compileCommand(lang, req.dialect);
    if (!compile) return { lang, sources: placed.files, ...names, dispose: async () => {} };
    // Compiled: the sources go to the compile box from memory too; only the artifacts touch the disk
    // (the compile cache's directory, or a private one without a cache).
    const staging = this.cache && this.config.seccomp !== 'record' ? undefined : await makeStaging(this.config.workDir);
    try {
      const limits = compileLimits(lang, req.compileLimits);
      const fill: Fill = { ...names, options: req.compileOptions ?? [], memory: limits.memory };
      const c = await this.compile(lang, compile, placed.files, fill, limits, staging ? join(staging.dir, 'out') : undefined, signal);
      const dispose = async () => {
        c.release();
        await staging?.dispose();
      };
      const failed = c.result.status !== 'OK' || !c.dir;
      return {
        lang,
        ...(c.dir ? { dir: c.dir } : { sources: placed.files }),
        ...names,
        compile: c.result,
        ...(failed ? { failed: compileFailed(c.result) } : {}),
        dispose,
      };
    } catch (e) {
      await staging?.dispose();
      throw e;
    }
  }

  /** Run a prepared program once, in a fresh box. */
  async run(program: Program, req: RunRequest, signal?: AbortSignal): Promise<StageResult> {
    checkLimits(req.limits, this.config.ceiling);
    checkArgs(req.args ?? []);
    const { lang } = program;
    const limits = runLimits(lang, req.limits);
    const fill: Fill = { source: program.source, files: program.files, options: [], memory: limits.memory };
    return this.box(
      lang,
      'run',
      {
        command: [...expandArgv(lang, lang.run, fill), ...(req.args ?? [])],
        limits,
        env: expandEnv(lang.env, fill),
        ...(program.dir ? { copyIn: program.dir } : { files: program.sources ?? [] }),
        ...(req.stdinFile ? { stdinFile: req.stdinFile } : {}),
        ...(req.network ? { network: true } : {}),
        ...(req.binds ? { binds: req.binds } : {}),
        ...(req.passthrough ? { passthrough: true } : {}),
        ...(req.tty ? { tty: true } : {}),
      },
      { ...req.io, ...(req.stdin !== undefined ? { stdin: req.stdin } : {}) },
      signal,
      req.slot,
    );
  }

  /** The compile stage: from the cache when an identical compile succeeded before, else in a box. */
  private async compile(
    lang: Language,
    argv: readonly string[],
    files: SourceFile[],
    fill: Fill,
    limits: BoxLimits,
    out: string | undefined,
    signal?: AbortSignal,
  ): Promise<Compiled> {
    const command = expandArgv(lang, argv, fill);
    const env = { ...expandEnv(lang.env, fill), ...expandEnv(lang.compileEnv, fill) };
    const inBox = (copyOut: string) =>
      this.box(lang, 'compile', { command, limits, env, files, copyOut, copyOutLimit: this.config.artifactLimit ?? 64 * MB }, {}, signal);
    if (!this.cache || this.config.seccomp === 'record') {
      if (!out) throw new AirlockError('AIRLOCK_ERR_SANDBOX_FAILED', 'no directory for the compiler output');
      await mkdir(out, { mode: 0o700 });
      const result = await inBox(out);
      return { result: { ...result, cached: false }, dir: out, release: () => {} };
    }
    const key = cacheKey({
      format: 1,
      language: lang.id,
      version: await languageVersion(lang),
      root: this.config.sandbox?.root ?? '/',
      command,
      env,
      files: files.map((f) => [f.name, createHash('sha256').update(f.content).digest('hex')]).sort(),
    });
    let fresh: StageResult | undefined;
    const got = await this.cache.obtain(key, async (dir) => storeStage((fresh = await inBox(dir))));
    const result = fresh && !got.cached ? { ...fresh, cached: false } : loadStage(got.result, got.cached);
    return { result, ...(got.dir ? { dir: got.dir } : {}), release: got.release };
  }

  private async box(
    lang: Language,
    stage: Stage,
    part: Pick<
      BoxOptions,
      'command' | 'limits' | 'env' | 'copyIn' | 'files' | 'copyOut' | 'copyOutLimit' | 'stdinFile' | 'binds' | 'passthrough' | 'network' | 'tty'
    >,
    io: BoxIO,
    signal: AbortSignal | undefined,
    held?: number,
  ): Promise<StageResult> {
    const mode = this.config.seccomp ?? 'profile';
    const profile = mode === 'profile' ? profileFor(lang, stage) : undefined;
    const inSlot = async (slot: number) => {
      const binds = [...(lang.binds ?? []), ...(part.binds ?? [])];
      const opts: BoxOptions = {
        ...this.config.sandbox,
        ...part,
        slot,
        etc: lang.etc ?? [],
        ...(binds.length ? { binds } : {}),
        ...(profile ? { seccompAllow: profile } : {}),
        ...(mode === 'record' ? { seccompRecord: true } : {}),
      };
      const attempt = () => runBox(opts, { ...io, ...(signal ? { signal } : {}) });
      return stageOf(await retryBusySlot(attempt, this.config.busySlotWait ?? 0, signal), lang);
    };
    return held === undefined ? this.config.slots.with(inSlot, signal) : inSlot(held);
  }
}

/** A compile's outcome, where its artifacts are, and the cache lease to give back once the program is disposed. */
interface Compiled {
  result: StageResult;
  dir?: string;
  release(): void;
}

/**
 * Our pool owns the slot, so a busy one is held by a launcher of a service that died and is
 * still tearing its box down (it is cancelled as its parent goes): wait for it, briefly.
 */
async function retryBusySlot<T>(attempt: () => Promise<T>, patience: number, signal?: AbortSignal): Promise<T> {
  for (let wait = 50, waited = 0; ; waited += wait, wait = Math.min(wait * 2, 1000)) {
    try {
      return await attempt();
    } catch (e) {
      if (!isAirlockError(e, 'AIRLOCK_ERR_NO_SLOT') || waited >= patience || signal?.aborted) throw e;
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** Arguments and options are argv elements: strings without NUL bytes. */
function checkArgs(args: unknown[]): void {
  for (const a of args) {
    if (typeof a !== 'string' || a.includes('\0')) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', 'arguments must be strings without NUL bytes');
  }
}

function withoutCached(s: StageResult): Omit<StageResult, 'cached'> {
  const { cached: _c, ...rest } = s;
  return rest;
}

function compileFailed(compile: StageResult): ExecuteResult {
  const empty = Buffer.alloc(0);
  if (compile.status === 'IE') return { ...withoutCached(compile), compile }; // our failure, not the source's
  return {
    status: 'CE',
    exitCode: 0,
    signal: 0,
    stdout: empty,
    stderr: empty,
    cpuTime: 0,
    wallTime: 0,
    memory: 0,
    message: compile.status === 'RE' ? 'compilation failed' : `compilation failed: ${compile.message}`,
    compile,
  };
}
