// Builds web/ into dist/web, which the service serves at `/` (src/api/routes/web.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** A readable chunk name from the module that defines it. */
function chunkName(id: string): string {
  const pkg = /node_modules\/(?:@[^/]+\/)?([^/]+)\/(?:dist\/)?(?:mode\/)?([^/.]+)?/.exec(id);
  if (pkg) return pkg[1] === 'legacy-modes' && pkg[2] ? `mode-${pkg[2]}` : pkg[1]!;
  return /([^/]+)\.[jt]s$/.exec(id)?.[1] ?? 'chunk';
}

export default defineConfig({
  root: here,
  // Relative asset paths: the page also works behind a proxy that mounts the service under a prefix.
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The size test (test/web/size.test.ts) reads what the first load pulls in from the manifest.
    manifest: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
    // Fonts (KaTeX's) stay files: the page's CSP loads fonts from this origin only, never from data: URLs.
    assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    rolldownOptions: {
      // Chunks named after the language package they hold (lang-python-<hash>.js), not "dist-<hash>.js".
      output: { chunkFileNames: (chunk) => `assets/${chunkName(chunk.facadeModuleId ?? chunk.moduleIds.at(-1) ?? '')}-[hash].js` },
    },
  },
  // Starter programs are the languages' own samples (src/languages/programs), read at build time.
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
