// `airlock languages`: id, name, version, whether each language is installed here and runs under its own syscall allow-list.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AirlockError } from '../errors.js';
import { coreLanguages, languages } from '../languages/definitions.js';
import { recordLanguage, writeProfiles } from './profile.js';
import { profiledStages } from '../languages/profiles.js';
import { getLanguage, isInstalled, languageVersion, missingParts } from '../languages/registry.js';
import { withHostSlot } from '../sandbox/hostslots.js';
import { SlotPool } from '../sandbox/slots.js';
import { parse, positive } from './args.js';
import { hostConfig } from './host.js';

const help = `Usage: airlock languages [--json]
       airlock languages --profile ID[,ID...]|installed [--runs N]

Lists every language airlock knows: whether this host has it, and whether its
boxes run under a recorded syscall allow-list ("baseline" means the default
filter only). --profile records the allow-lists of the given languages by
running their sample programs under --seccomp-record (N times each, default 3)
and writes src/languages/profiles/<id>.<stage>.txt. --packages core|all|ID,...
prints the Debian (apt) and npm packages those languages need (for setup.sh).
`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    json: { type: 'boolean' },
    profile: { type: 'string' },
    runs: { type: 'string' },
    packages: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (values.packages) return packages(values.packages);
  if (values.profile) return profile(values.profile, positive('runs', values.runs) ?? 3);
  const rows = await Promise.all(
    languages.map(async (l) => {
      const missing = missingParts(l);
      const installed = missing.length === 0;
      const stages = profiledStages(l);
      return {
        id: l.id,
        name: l.name,
        version: installed ? await languageVersion(l) : null,
        installed,
        missing,
        compiled: !!l.compile,
        seccomp: stages.length ? 'allow-list' : 'baseline',
        profiledStages: stages,
        packages: l.packages,
      };
    }),
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const table = [
    ['ID', 'NAME', 'VERSION', 'SECCOMP', 'INSTALLED'],
    ...rows.map((r) => [
      r.id,
      r.name,
      r.version ?? '-',
      r.seccomp === 'baseline' ? 'baseline (no profile)' : `allow-list (${r.profiledStages.join('+')})`,
      r.installed ? 'yes' : `no: lacks ${r.missing.join(', ')} (./setup.sh --languages ${r.id})`,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table)
    process.stdout.write(
      `${row
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  const n = rows.filter((r) => r.installed).length;
  process.stdout.write(`\n${n} of ${rows.length} installed\n`);
  return 0;
}

/** For setup.sh: "apt NAME" and "npm NAME" lines for core, all, or a list of ids. */
function packages(which: string): number {
  const ids = which === 'all' ? languages.map((l) => l.id) : which === 'core' ? coreLanguages : which.split(',').map((s) => s.trim());
  const lines = new Set<string>();
  for (const lang of ids.map(getLanguage)) {
    for (const p of lang.packages) lines.add(`apt ${p}`);
    for (const p of lang.npmPackages ?? []) lines.add(`npm ${p}`);
  }
  process.stdout.write(`${[...lines].join('\n')}\n`);
  return 0;
}

async function profile(which: string, runs: number): Promise<number> {
  hostConfig(); // the configured launcher runs the profiling boxes
  const chosen = which === 'installed' ? languages.filter(isInstalled) : which.split(',').map((id) => getLanguage(id.trim()));
  for (const lang of chosen) {
    if (!isInstalled(lang)) throw new AirlockError('AIRLOCK_ERR_LANGUAGE_NOT_INSTALLED', lang.id);
    const seen = await withHostSlot((slot) =>
      recordLanguage(lang, { workDir: join(tmpdir(), 'airlock-profile'), slots: new SlotPool(1, slot), runs, log: (l) => process.stderr.write(`${l}\n`) }),
    );
    for (const path of await writeProfiles(lang, seen, runs)) process.stdout.write(`wrote ${path}\n`);
  }
  return 0;
}
