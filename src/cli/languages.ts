// `airlock languages`: id, name, version and whether each language is installed here.
import { languages } from '../languages/definitions.js';
import { isInstalled, languageVersion } from '../languages/registry.js';
import { parse } from './args.js';

export async function main(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write('Usage: airlock languages [--json]\n\nLists every language airlock knows and whether this host has it.\n');
    return 0;
  }
  const rows = await Promise.all(
    languages.map(async (l) => {
      const installed = isInstalled(l);
      return { id: l.id, name: l.name, version: installed ? await languageVersion(l) : null, installed, compiled: !!l.compile, packages: l.packages };
    }),
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const table = [['ID', 'NAME', 'VERSION', 'INSTALLED'], ...rows.map((r) => [r.id, r.name, r.version ?? '-', r.installed ? 'yes' : `no (apt-get install ${r.packages.join(' ')})`])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  return 0;
}
