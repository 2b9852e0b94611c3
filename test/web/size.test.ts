// The size budget: what a first visit to the playground downloads, gzipped, stays under 300 KB.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../helpers/box.js';

const BUDGET = 300 * 1000;
const dir = join(repoRoot, 'dist/web');

interface Chunk {
  file: string;
  css?: string[];
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

const gz = (file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;

test(
  "the playground's first load (page, entry, its static imports, CSS, and Python highlighting) fits 300 KB gzip",
  { skip: existsSync(join(dir, '.vite/manifest.json')) ? false : 'the page is not built (npm run build)' },
  () => {
    const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
    const files = new Set<string>(['index.html', 'favicon.svg']);
    const walk = (key: string) => {
      const c = manifest[key];
      assert.ok(c, `manifest has ${key}`);
      if (files.has(c.file)) return;
      files.add(c.file);
      for (const css of c.css ?? []) files.add(css);
      for (const i of c.imports ?? []) walk(i);
    };
    walk('index.html');
    // The default language's highlighting is loaded at once on a first visit: it counts too.
    const python = Object.keys(manifest).find((k) => k.includes('@codemirror/lang-python'));
    assert.ok(python, 'python highlighting is a chunk of its own');
    walk(python);
    const sizes = [...files].map((f) => ({ f, gz: gz(f) }));
    const total = sizes.reduce((a, b) => a + b.gz, 0);
    const lazy = Object.values(manifest)
      .filter((c) => !files.has(c.file))
      .reduce((a, c) => a + gz(c.file), 0);
    console.log(
      `web: first load ${(total / 1000).toFixed(1)} KB gzip (${sizes.map((s) => `${s.f} ${(s.gz / 1000).toFixed(1)}`).join(', ')}); loaded on demand: ${(lazy / 1000).toFixed(1)} KB`,
    );
    assert.ok(total <= BUDGET, `first load is ${total} bytes gzipped, over the ${BUDGET} budget`);
  },
);
