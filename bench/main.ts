// `npm run bench [-- NAME [args]]`: runs bench/NAME.ts (or, without a name, every bench with a target from issue 14),
// each printing its table and figures and writing bench/results/NAME.json; then every figure with its baseline and
// target. A bad sample (a run that did not end OK with the expected output, or a figure that cannot be true) stops
// the run with exit status 1.
import { BadSample } from './check.js';
import { type Figure, formatFigure } from './lib.js';

const benches = ['sandbox', 'service', 'judge', 'jobe', 'languages', 'scale', 'hostile'];
/** The benches `npm run bench` runs without a name: those holding issue 14's targets. */
const issue14 = ['sandbox', 'service', 'judge', 'jobe'];

const [name, ...rest] = process.argv.slice(2);
if (name && !benches.includes(name)) {
  console.error(`usage: npm run bench [-- <${benches.join('|')}> [options]]`);
  process.exit(2);
}
const all: Figure[] = [];
try {
  for (const bench of name ? [name] : issue14) {
    console.log(`\n=== ${bench} ===`);
    const mod = (await import(`./${bench}.js`)) as { run(args: string[]): Promise<Figure[] | void> };
    all.push(...((await mod.run(name ? rest : [])) ?? []));
  }
} catch (e) {
  if (!(e instanceof BadSample)) throw e;
  console.error(`\nbench: BAD SAMPLE, no figure recorded: ${e.message}`);
  process.exit(1);
}
if (all.length) {
  console.log('\n=== summary ===');
  for (const f of all) console.log(`${f.met === false ? 'NOT MET ' : f.met ? 'met     ' : '        '}${formatFigure(f)}`);
}
