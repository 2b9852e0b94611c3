// The source reads top-down: every import points to the same layer or one below it, and no file imports itself
// back through others. The layers, lowest first, are the list below (docs/development.md explains each).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './helpers/box.js';

/** Lowest first. A top-level file (server.ts) is its own layer, named without its extension. */
const layers = [
  'errors',
  'config',
  'archive',
  'contracts',
  'sandbox',
  'languages',
  'store',
  'auth',
  'engine',
  'judge',
  'queue',
  'service',
  'api',
  'compat',
  'compose',
  'http-server',
  'server',
  'worker',
  'cli',
];
const src = join(repoRoot, 'src');

/** Every .ts file under src/ (not the sample programs, which are data). */
function sources(dir = src): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith('/languages/programs') ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The files a file imports (or re-exports) by relative path, as .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^'";]*?from '(\.[^']+)'/gm)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
}

const layerOf = (file: string) => {
  const rel = relative(src, file);
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel.replace(/\.ts$/, '');
};
const graph = new Map(sources().map((f) => [f, importsOf(f)]));

test('every file under src/ belongs to a known layer', () => {
  const unknown = [...graph.keys()].filter((f) => !layers.includes(layerOf(f))).map((f) => relative(src, f));
  assert.deepEqual(unknown, []);
});

test('no import points up a layer (service and store never reach into api or compat)', () => {
  const upward: string[] = [];
  for (const [file, deps] of graph) {
    for (const dep of deps) {
      if (layers.indexOf(layerOf(dep)) > layers.indexOf(layerOf(file))) upward.push(`${relative(src, file)} -> ${relative(src, dep)}`);
    }
  }
  assert.deepEqual(upward, []);
});

test('no import cycles between files', () => {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    state.set(file, 'open');
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 'open') cycles.push([...path.slice(path.indexOf(dep)), dep].map((f) => relative(src, f)).join(' -> '));
      else if (!state.has(dep) && graph.has(dep)) visit(dep, [...path, dep]);
    }
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, [file]);
  assert.deepEqual(cycles, []);
});

test('the checker sees imports: a known downward edge is found', () => {
  assert.ok(graph.get(join(src, 'api/app.ts'))?.includes(join(src, 'api/auth.ts')), 'api/app.ts imports api/auth.ts');
});
