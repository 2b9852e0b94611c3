// `airlock doctor`: says in plain words what this host lacks and how to fix it.
import { languages } from '../languages/definitions.js';
import { missingParts } from '../languages/registry.js';
import { type Check, doctor } from '../sandbox/doctor.js';
import { hostHardening } from '../sandbox/hardening.js';
import { parse } from './args.js';
import { hostConfig } from './host.js';

export async function main(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(
      "Usage: airlock doctor [--json]\n\nChecks the kernel, privileges, cgroups, seccomp, namespaces and the launcher, then builds one box.\nThen reports the host's hardening (sysctl, firewall, SSH, fail2ban, nginx, systemd) as advice.\n",
    );
    return 0;
  }
  hostConfig(); // the launcher and host settings the boxes below use
  const checks = await doctor();
  const advice = hostHardening();
  const toolchains = languageChecks();
  if (values.json) process.stdout.write(`${JSON.stringify([...checks, ...advice, ...toolchains], null, 2)}\n`);
  else {
    print(checks, 'FAIL');
    process.stdout.write('\nhost hardening (advice; does not fail the doctor):\n');
    print(advice, 'warn');
    process.stdout.write('\nlanguages (advice; does not fail the doctor):\n');
    print(toolchains, 'warn');
  }
  return checks.every((c) => c.ok || c.name === 'user namespaces') ? 0 : 1;
}

function print(checks: Check[], bad: string): void {
  for (const c of checks) {
    process.stdout.write(`${c.ok ? 'ok  ' : bad}  ${c.name.padEnd(16)} ${c.detail}\n`);
    if (!c.ok && c.fix) process.stdout.write(`      ${''.padEnd(16)} fix: ${c.fix}\n`);
  }
}

/** One line for the installed languages, and one per language that is half there (some of its tools, not all). */
function languageChecks(): Check[] {
  const rows = languages.map((l) => ({ l, missing: missingParts(l) }));
  const installed = rows.filter((r) => r.missing.length === 0).map((r) => r.l.id);
  const partial = rows.filter((r) => r.missing.length > 0 && r.missing.length < r.l.tools.length + (r.l.needs?.length ?? 0));
  return [
    {
      name: 'languages',
      ok: installed.length > 0,
      detail: `${installed.length} of ${rows.length} installed: ${installed.join(', ') || 'none'}`,
      fix: './setup.sh --languages all',
      advisory: true,
    },
    ...partial.map((r) => ({
      name: `language ${r.l.id}`,
      ok: false,
      detail: `not usable: lacks ${r.missing.join(', ')}`,
      fix: `./setup.sh --languages ${r.l.id}`,
      advisory: true,
    })),
  ];
}
