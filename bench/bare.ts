// The baseline of every language bench: the same command a box runs, on the host in a scratch directory with the
// box's environment, compiled once (bare) when the language compiles. spawntime then times it from C, so the
// baseline pays no Node spawn.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandArgv, expandEnv, type Fill } from '../src/languages/placeholders.js';
import { mainFileName } from '../src/languages/source.js';
import type { Language } from '../src/languages/types.js';
import { defaultRunLimits } from '../src/sandbox/limits.js';

const boxPath = '/usr/local/bin:/usr/bin:/bin';

/** A command ready to run bare: absolute program, arguments, environment, working directory. */
export interface BareCommand {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/** `cmd` looked up in the box's PATH (execve does not search), or as given when it has a slash. */
function resolve(cmd: string, cwd: string): string {
  if (cmd.includes('/')) return cmd.startsWith('/') ? cmd : join(cwd, cmd);
  for (const dir of boxPath.split(':')) {
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return join(dir, cmd);
    } catch {
      // not in this directory
    }
  }
  throw new Error(`${cmd} is not installed`);
}

/** Write `content` as the language names it into a fresh directory, compile it there if needed; the run command. */
export function bareCommand(lang: Language, content: Buffer): BareCommand {
  const cwd = mkdtempSync(join(tmpdir(), `airlock-bare-${lang.id}-`));
  const source = mainFileName(lang, content);
  writeFileSync(join(cwd, source), content);
  const fill = (memory: number): Fill => ({ source, files: [source], options: [], memory });
  const env = (extra: Record<string, string>) => ({ PATH: boxPath, HOME: cwd, TMPDIR: cwd, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...extra });
  if (lang.compile) {
    const f = fill(1024 * 1024 * 1024);
    const [cmd, ...args] = expandArgv(lang, lang.compile, f).map((a) => a.replaceAll('/tmp/', `${cwd}/tmp-`));
    execFileSync(cmd!, args, { cwd, env: env({ ...expandEnv(lang.env, f), ...expandEnv(lang.compileEnv, f) }), stdio: 'ignore' });
  }
  const f = fill(defaultRunLimits.memory);
  const [cmd, ...args] = expandArgv(lang, lang.run, f);
  return { argv: [resolve(cmd!, cwd), ...args], env: env(expandEnv(lang.env, f)), cwd };
}

/** spawntime's options for a bare command: its environment and working directory. */
export function spawntimeArgs(c: BareCommand): string[] {
  return [...Object.entries(c.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]), '-C', c.cwd];
}
