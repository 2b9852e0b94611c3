// `airlock doctor`: says in plain words what this host lacks and how to fix it.
import { doctor } from '../sandbox/doctor.js';
import { parse } from './args.js';

export async function main(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write('Usage: airlock doctor [--json]\n\nChecks the kernel, privileges, cgroups, seccomp, namespaces and the launcher, then builds one box.\n');
    return 0;
  }
  const checks = await doctor();
  if (values.json) process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
  else
    for (const c of checks) {
      process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(16)} ${c.detail}\n`);
      if (!c.ok && c.fix) process.stdout.write(`      ${''.padEnd(16)} fix: ${c.fix}\n`);
    }
  return checks.every((c) => c.ok || c.name === 'user namespaces') ? 0 : 1;
}
