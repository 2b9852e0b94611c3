// One execution: stage the files, compile in a box (for compiled languages), run in a fresh box.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AirlockError } from '../errors.js';
import { getLanguage, isInstalled } from '../languages/registry.js';
import type { Language } from '../languages/types.js';
import type { BoxLimits } from '../sandbox/limits.js';
import type { Bind, BoxOptions } from '../sandbox/options.js';
import type { BoxStatus } from '../sandbox/result.js';
import { type BoxIO, type BoxResult, runBox } from '../sandbox/run.js';
import type { SlotPool } from '../sandbox/slots.js';
import { type SourceFile, validateFiles } from './files.js';
import { checkLimits, compileLimits, runLimits } from './limits.js';
import { makeStaging, writeFiles } from './workspace.js';

/** What a caller asks to execute. */
export interface ExecuteRequest {
  language: string;
  /** The files; the first (or `main`) is the program and is stored under the language's source name. */
  files: SourceFile[];
  main?: string;
  stdin?: Buffer | string;
  args?: string[];
  compileOptions?: string[];
  limits?: Partial<BoxLimits>;
  compileLimits?: Partial<BoxLimits>;
}

/** One stage's outcome (compile or run). */
export interface StageResult {
  status: BoxStatus;
  exitCode: number;
  signal: number;
  stdout: Buffer;
  stderr: Buffer;
  cpuTime: number;
  wallTime: number;
  memory: number;
  message: string;
}

/** The whole execution: the run stage's fields, CE when compiling failed, and the compile stage. */
export interface ExecuteResult extends Omit<StageResult, 'status'> {
  status: BoxStatus | 'CE';
  compile?: StageResult;
}

/** Host-side settings shared by every execution. */
export interface EngineConfig {
  /** Root of the private staging directories. */
  workDir: string;
  slots: SlotPool;
  /** Launcher settings that are the host's, not the caller's. */
  sandbox?: Pick<BoxOptions, 'stateDir' | 'cgroup' | 'cgroupRoot' | 'uidBase' | 'root'>;
  /** Server-wide ceilings on every limit. */
  ceiling?: BoxLimits;
}

/** A program ready to run any number of times: its files (compiled if needed) in a private directory. */
export interface Program {
  lang: Language;
  /** Host directory copied into each run box's /box. */
  dir: string;
  /** The compile stage, for compiled languages. */
  compile?: StageResult;
  /** Set when compiling failed: the result to report (CE, or IE for our failure). */
  failed?: ExecuteResult;
  /** Remove the program's files. */
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
  io?: Pick<BoxIO, 'onStdout' | 'onStderr' | 'collect' | 'stdin' | 'stdio' | 'onSpawn'>;
  /** Extra read-only host files or directories in the box (a checker's input, output and answer). */
  binds?: Bind[];
  /** Give the program the launcher's fds 0-2 (see BoxIO.stdio). */
  passthrough?: boolean;
  /** A slot the caller already holds (SlotPool.withMany); otherwise one is taken from the pool. */
  slot?: number;
}

/** Runs executions; one instance per process. */
export class Engine {
  constructor(readonly config: EngineConfig) {}

  /** Execute a request: prepare (compile) once, run once. The program failing is a result. */
  async execute(req: ExecuteRequest, signal?: AbortSignal): Promise<ExecuteResult> {
    const program = await this.prepare(req, signal);
    try {
      if (program.failed) return program.failed;
      const run = await this.run(program, { ...(req.stdin !== undefined ? { stdin: req.stdin } : {}), ...(req.args ? { args: req.args } : {}), ...(req.limits ? { limits: req.limits } : {}) }, signal);
      return { ...run, ...(program.compile ? { compile: program.compile } : {}) };
    } finally {
      await program.dispose();
    }
  }

  /** Check a request, stage its files and compile them in a box. The caller disposes the program. */
  async prepare(req: ExecuteRequest, signal?: AbortSignal): Promise<Program> {
    const lang = getLanguage(req.language);
    if (!isInstalled(lang)) throw new AirlockError('AIRLOCK_ERR_LANGUAGE_NOT_INSTALLED', lang.id);
    validateFiles(req.files);
    checkLimits(req.limits, this.config.ceiling);
    checkLimits(req.compileLimits, this.config.ceiling);
    checkArgs([...(req.args ?? []), ...(req.compileOptions ?? [])]);
    const staging = await makeStaging(this.config.workDir);
    try {
      const src = join(staging.dir, 'src');
      await writeFiles(src, placeMain(lang, req));
      if (!lang.compile) return { lang, dir: src, dispose: staging.dispose };
      const out = join(staging.dir, 'out');
      await mkdir(out, { mode: 0o700 });
      const compile = await this.box(lang, {
        command: expandOptions(lang.compile, req.compileOptions ?? []),
        limits: compileLimits(lang, req.compileLimits),
        copyIn: src,
        copyOut: out,
      }, {}, signal);
      return {
        lang,
        dir: out,
        compile,
        ...(compile.status !== 'OK' ? { failed: compileFailed(compile) } : {}),
        dispose: staging.dispose,
      };
    } catch (e) {
      await staging.dispose();
      throw e;
    }
  }

  /** Run a prepared program once, in a fresh box. */
  async run(program: Program, req: RunRequest, signal?: AbortSignal): Promise<StageResult> {
    checkLimits(req.limits, this.config.ceiling);
    checkArgs(req.args ?? []);
    const { lang } = program;
    return this.box(lang, {
      command: [...lang.run, ...(req.args ?? [])],
      limits: runLimits(lang, req.limits),
      copyIn: program.dir,
      ...(req.stdinFile ? { stdinFile: req.stdinFile } : {}),
      ...(req.network ? { network: true } : {}),
      ...(req.binds ? { binds: req.binds } : {}),
      ...(req.passthrough ? { passthrough: true } : {}),
    }, { ...req.io, ...(req.stdin !== undefined ? { stdin: req.stdin } : {}) }, signal, req.slot);
  }

  private async box(
    lang: Language,
    part: Pick<BoxOptions, 'command' | 'limits' | 'copyIn' | 'copyOut' | 'stdinFile' | 'binds' | 'passthrough' | 'network'>,
    io: BoxIO,
    signal: AbortSignal | undefined,
    held?: number,
  ): Promise<StageResult> {
    const inSlot = async (slot: number) => {
      const opts: BoxOptions = { ...this.config.sandbox, ...part, slot, env: lang.env ?? {}, etc: lang.etc ?? [] };
      return stage(await runBox(opts, { ...io, ...(signal ? { signal } : {}) }));
    };
    return held === undefined ? this.config.slots.with(inSlot, signal) : inSlot(held);
  }
}

/** Arguments and options are argv elements: strings without NUL bytes. */
function checkArgs(args: unknown[]): void {
  for (const a of args) {
    if (typeof a !== 'string' || a.includes('\0')) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', 'arguments must be strings without NUL bytes');
  }
}

function stage(r: BoxResult): StageResult {
  const { status, exitCode, signal, stdout, stderr, cpuTime, wallTime, memory, message } = r;
  return { status, exitCode, signal, stdout, stderr, cpuTime, wallTime, memory, message };
}

/** The main file goes under the language's source name; the others keep theirs. */
function placeMain(lang: Language, req: ExecuteRequest): SourceFile[] {
  const mainName = req.main ?? req.files[0]!.name;
  const main = req.files.find((f) => f.name === mainName);
  if (!main) throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `main file ${JSON.stringify(mainName)} is not among the files`);
  const others = req.files.filter((f) => f !== main);
  if (others.some((f) => f.name === lang.source)) {
    throw new AirlockError('AIRLOCK_ERR_BAD_FILE_NAME', `"${lang.source}" is reserved for the main file of ${lang.id}`);
  }
  return [{ name: lang.source, content: main.content }, ...others];
}

function expandOptions(argv: string[], options: string[]): string[] {
  return argv.flatMap((a) => (a === '{options}' ? options : [a]));
}

function compileFailed(compile: StageResult): ExecuteResult {
  const empty = Buffer.alloc(0);
  if (compile.status === 'IE') return { ...compile, compile }; // our failure, not the source's
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
