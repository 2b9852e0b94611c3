// Finding languages by id or file name, and what is installed on this host.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { AirlockError } from '../errors.js';
import { languages } from './definitions.js';
import type { Language } from './types.js';

const run = promisify(execFile);
/** The box's PATH: where a command must be for the box to find it. */
const boxPath = ['/usr/local/bin', '/usr/bin', '/bin'];

/** A language by id; throws AIRLOCK_ERR_UNKNOWN_LANGUAGE. */
export function getLanguage(id: string): Language {
  const lang = languages.find((l) => l.id === id);
  if (!lang) throw new AirlockError('AIRLOCK_ERR_UNKNOWN_LANGUAGE', id);
  return lang;
}

/** The language a file name implies; throws AIRLOCK_ERR_CANNOT_INFER_LANGUAGE. */
export function languageForFile(name: string): Language {
  const ext = extname(name).toLowerCase();
  const lang = ext ? languages.find((l) => l.extensions.includes(ext)) : undefined;
  if (!lang) throw new AirlockError('AIRLOCK_ERR_CANNOT_INFER_LANGUAGE', name);
  return lang;
}

/** Where a command resolves in the box's PATH on this host, or undefined. */
export function resolveCommand(cmd: string): string | undefined {
  const candidates = cmd.includes('/') ? [] : boxPath.map((d) => `${d}/${cmd}`);
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** What this host lacks for the language: its tools not in the box's PATH, and its needed files that are absent. */
export function missingParts(lang: Language): string[] {
  return [...lang.tools.filter((t) => resolveCommand(t) === undefined), ...(lang.needs ?? []).filter((p) => !existsSync(p))];
}

/**
 * isInstalled's answers for a second: each run asks twice (acceptance, box), and an answer is several access() calls.
 * Keyed by the definition itself, not its id: a changed copy (a dialect, a test's) is a different question.
 */
const installed = new WeakMap<Language, { ok: boolean; at: number }>();
const INSTALLED_FOR_MS = 1000;

/** Whether every tool and file the language needs is present here (a package installed or removed shows within a second). */
export function isInstalled(lang: Language): boolean {
  const now = performance.now();
  const known = installed.get(lang);
  if (known && now - known.at < INSTALLED_FOR_MS) return known.ok;
  const ok = missingParts(lang).length === 0;
  installed.set(lang, { ok, at: now });
  return ok;
}

const versions = new Map<string, Promise<string>>();

/** The installed version, read once per process from the language's version command. */
export function languageVersion(lang: Language): Promise<string> {
  let v = versions.get(lang.id);
  if (!v) {
    const [cmd, ...args] = lang.version;
    v = run(cmd!, args, { timeout: 10_000, env: { PATH: boxPath.join(':'), LANG: 'C.UTF-8' } })
      .then(({ stdout, stderr }) => firstVersion(`${stdout}\n${stderr}`))
      .catch(() => 'unknown');
    versions.set(lang.id, v);
  }
  return v;
}

/** The first dotted number in a version banner ("Python 3.11.2" -> "3.11.2"). */
export function firstVersion(text: string): string {
  return /\d+(?:\.\d+)+/.exec(text)?.[0] ?? (text.trim().split('\n')[0] || 'unknown');
}
