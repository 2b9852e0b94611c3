// Judge0's information routes: languages, statuses, about, version, config_info, system_info, workers.
import { attachValidation, ref } from '../shared/schemas.js';
import type { FastifyInstance } from 'fastify';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { arch, cpus, freemem, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AppDeps } from '../../api/types.js';
import { compileCommand } from '../../languages/dialects/index.js';
import { configInfo } from './config.js';
import { archivedLanguages, archivedName, judge0Language, judge0Languages, judge0Name } from './languages.js';
import { STATUSES } from './statuses.js';

/** The Judge0 CE version whose API this adapter follows. */
export const JUDGE0_VERSION = '1.13.1';

const run = promisify(execFile);
/** Where /isolate points for what the sandbox does. */
const REPOSITORY_DOCS = 'docs/security.md';
let licenseText: Promise<string> | undefined;

/** The server's own LICENSE (Judge0 answers its own), read once. */
function license(): Promise<string> {
  licenseText ??= readFile(fileURLToPath(new URL('../../../../LICENSE', import.meta.url)), 'utf8').catch(() => 'see the LICENSE file of this installation\n');
  return licenseText;
}
let systemInfo: Promise<Record<string, string>> | undefined;

/** lscpu's "Key: value" lines (as Judge0 reports them), then memory; read once. */
function readSystemInfo(): Promise<Record<string, string>> {
  systemInfo ??= run('lscpu', [], { timeout: 5000, env: { LANG: 'C' } })
    .then(({ stdout }) =>
      Object.fromEntries(
        stdout
          .split('\n')
          .filter((l) => l.includes(':'))
          .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
      ),
    )
    .catch(() => ({ Architecture: arch() === 'x64' ? 'x86_64' : arch(), 'CPU(s)': String(cpus().length), 'Model name': cpus()[0]?.model ?? 'unknown' }));
  return systemInfo;
}

/** Register the information routes. */
export function infoRoutes(scope: FastifyInstance, deps: AppDeps): void {
  const tags = ['judge0'];
  scope.get('/languages', { schema: { tags, summary: 'Judge0: languages (Judge0 CE ids)' } }, () => judge0Languages());

  scope.get('/languages/all', { schema: { tags, summary: 'Judge0: languages, with the archived ones' } }, async () => {
    const rows = [...(await judge0Languages()).map((l) => ({ ...l, is_archived: false })), ...archivedLanguages()];
    return rows.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  });

  scope.get('/languages/:id', { schema: { tags, summary: 'Judge0: one language', params: ref('CompatIdParams') }, attachValidation }, async (req, reply) => {
    const raw = (req.params as { id: string }).id;
    const id = Number(raw);
    const l = judge0Language(id);
    if (!l) {
      const archived = archivedName(id);
      if (archived) return { id, name: archived, is_archived: true, source_file: null, compile_cmd: null, run_cmd: null };
      return reply.code(404).send({ error: `language with id ${raw} doesn't exist` });
    }
    return {
      id: l.id,
      name: await judge0Name(l),
      is_archived: false,
      source_file: l.kind === 'language' ? l.lang.source : l.kind === 'text' ? 'text.txt' : l.kind === 'executable' ? 'a.out' : null,
      compile_cmd: l.kind === 'language' && compileCommand(l.lang, 'judge0') ? compileCommand(l.lang, 'judge0')!.join(' ') : null,
      run_cmd: l.kind === 'language' ? l.lang.run.join(' ') : null,
    };
  });

  scope.get('/statuses', { schema: { tags, summary: 'Judge0: statuses 1-14' } }, async () => STATUSES);

  scope.get('/about', { schema: { tags, summary: 'Judge0: about' } }, async () => ({
    version: JUDGE0_VERSION,
    homepage: 'https://judge0.com',
    source_code: 'https://github.com/judge0/judge0',
    maintainer: 'airlock (a Judge0 CE compatible API over airlock sandboxes)',
  }));

  scope.get('/version', { schema: { tags, summary: 'Judge0: version' } }, async (req, reply) => reply.type('text/plain; charset=utf-8').send(JUDGE0_VERSION));

  // Judge0 answers `isolate --version`; airlock's sandbox is its own launcher, which says so in the same place.
  scope.get('/isolate', { schema: { tags, summary: 'Judge0: the sandbox (plain text)' } }, async (req, reply) =>
    reply.type('text/plain; charset=utf-8').send(`airlock sandbox launcher (not isolate): namespaces, cgroups, seccomp; see ${REPOSITORY_DOCS}\n`),
  );

  scope.get('/license', { schema: { tags, summary: 'Judge0: the license (plain text)' } }, async (req, reply) =>
    reply.type('text/plain; charset=utf-8').send(await license()),
  );

  scope.get('/config_info', { schema: { tags, summary: 'Judge0: configuration' } }, async () => configInfo(deps.config));

  scope.get('/system_info', { schema: { tags, summary: 'Judge0: system information' } }, async () => ({
    ...(await readSystemInfo()),
    Mem: `${(totalmem() / 2 ** 30).toFixed(1)}Gi`,
    'Mem free': `${(freemem() / 2 ** 30).toFixed(1)}Gi`,
    Swap: '0B',
  }));

  scope.get('/workers', { schema: { tags, summary: 'Judge0: workers' } }, async () => {
    const s = await deps.queue.stats();
    return [
      {
        queue: JUDGE0_VERSION,
        size: s.waiting,
        available: s.concurrency,
        idle: Math.max(0, s.concurrency - s.running),
        working: s.running,
        paused: 0,
        failed: 0,
      },
    ];
  });
}
