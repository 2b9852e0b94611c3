// `airlock doctor`: says in plain words what this host lacks and how to fix it.
import { type Check, doctor } from '../sandbox/doctor.js';
import { hostHardening } from '../sandbox/hardening.js';
import { parse } from './args.js';
import { hostConfig } from './host.js';

export async function main(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write('Usage: airlock doctor [--json]\n\nChecks the kernel, privileges, cgroups, seccomp, namespaces and the launcher, then builds one box.\nThen reports the host\'s hardening (sysctl, firewall, SSH, fail2ban, nginx, systemd) as advice.\n');
    return 0;
  }
  hostConfig(); // the launcher and host settings the boxes below use
  const checks = await doctor();
  const advice = hostHardening();
  if (values.json) process.stdout.write(`${JSON.stringify([...checks, ...advice], null, 2)}\n`);
  else {
    print(checks, 'FAIL');
    process.stdout.write('\nhost hardening (advice; does not fail the doctor):\n');
    print(advice, 'warn');
  }
  return checks.every((c) => c.ok || c.name === 'user namespaces') ? 0 : 1;
}

function print(checks: Check[], bad: string): void {
  for (const c of checks) {
    process.stdout.write(`${c.ok ? 'ok  ' : bad}  ${c.name.padEnd(16)} ${c.detail}\n`);
    if (!c.ok && c.fix) process.stdout.write(`      ${''.padEnd(16)} fix: ${c.fix}\n`);
  }
}
