// `airlock run FILE`: compile (in a box) if needed, run in a fresh box, print what happened.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Engine, type ExecuteResult } from '../engine/execute.js';
import { getLanguage, languageForFile } from '../languages/registry.js';
import { withHostSlot } from '../sandbox/hostslots.js';
import { SlotPool } from '../sandbox/slots.js';
import { parse, positive } from './args.js';
import { hostSettings } from './host.js';

const help = `Usage: airlock run FILE [options]

Runs FILE in a fresh sandbox and prints its output. The language comes from
the file's extension unless --lang is given.

Options:
  --lang ID        language id (see "airlock languages")
  --stdin FILE     feed FILE to the program's standard input
  --time S         CPU time limit in seconds (5)
  --wall-time S    wall-clock limit in seconds (10)
  --memory MB      memory limit in MiB (256)
  --json           print one JSON object instead of the program's output
`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    lang: { type: 'string' },
    stdin: { type: 'string' },
    time: { type: 'string' },
    'wall-time': { type: 'string' },
    memory: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help || positionals.length !== 1) {
    process.stdout.write(help);
    return values.help ? 0 : 2;
  }
  const file = positionals[0]!;
  const lang = values.lang ? getLanguage(values.lang) : languageForFile(file);
  const memoryMb = positive('memory', values.memory);
  const limits = {
    ...(values.time ? { cpuTime: positive('time', values.time)! } : {}),
    ...(values['wall-time'] ? { wallTime: positive('wall-time', values['wall-time'])! } : {}),
    ...(memoryMb ? { memory: Math.round(memoryMb * 1024 * 1024) } : {}),
  };
  const request = {
    language: lang.id,
    files: [{ name: sanitize(basename(file)), content: await readFile(file) }],
    stdin: values.stdin ? await readFile(values.stdin) : Buffer.alloc(0),
    limits,
  };
  const result = await withHostSlot((slot) => new Engine({ ...hostSettings(), slots: new SlotPool(1, slot) }).execute(request));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(toJson(result), null, 2)}\n`);
  } else {
    if (result.compile && result.status === 'CE') process.stderr.write(result.compile.stderr);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.stderr.write(`${summary(result)}\n`);
  }
  return result.status === 'OK' ? 0 : 1;
}

/** A file name the engine accepts; the CLI's user named a local file, not an API path. */
export function sanitize(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._+-]/g, '_').replace(/^[.-]+/, '');
  return clean || 'main';
}

function summary(r: ExecuteResult): string {
  const parts: string[] = [r.status];
  if (r.status === 'CE' && r.compile) parts.push(`compiler: ${r.compile.status}${r.compile.message ? ` (${r.compile.message})` : ''}`);
  else if (r.message) parts.push(r.message);
  parts.push(`cpu ${r.cpuTime.toFixed(3)} s`, `wall ${r.wallTime.toFixed(3)} s`, `memory ${(r.memory / 1048576).toFixed(1)} MiB`);
  return `airlock: ${parts.join(' · ')}`;
}

function stageJson(s: Omit<ExecuteResult, 'compile'>) {
  return {
    status: s.status,
    exitCode: s.exitCode,
    signal: s.signal,
    stdout: s.stdout.toString('utf8'),
    stderr: s.stderr.toString('utf8'),
    cpuTime: s.cpuTime,
    wallTime: s.wallTime,
    memory: s.memory,
    message: s.message,
  };
}

function toJson(r: ExecuteResult) {
  const { compile, ...run } = r;
  return { ...stageJson(run), compile: compile ? stageJson(compile) : null };
}
