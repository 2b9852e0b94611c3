// `npm run bench -- NAME [args]`: runs bench/NAME.ts, which prints a table and writes bench/results/NAME.json.
const benches = ['sandbox', 'languages', 'judge', 'service', 'scale'];

const [name, ...rest] = process.argv.slice(2);
if (!name || !benches.includes(name)) {
  console.error(`usage: npm run bench -- <${benches.join('|')}> [options]`);
  process.exit(2);
}
const mod = (await import(`./${name}.js`)) as { run(args: string[]): Promise<void> };
await mod.run(rest);
