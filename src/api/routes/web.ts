// GET / and the page's files: the web page (web/, built by Vite into dist/web), read once at start and served
// from memory. Only files found at start are routes, so no request path ever reaches the file system.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { AirlockError } from '../../errors.js';
import type { App } from '../types.js';

/** Where `npm run build` puts the page; from dist/src/api/routes. */
export const webDir = fileURLToPath(new URL('../../../web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Threat: a problem statement (anyone who can upload a package writes one) or a crafted share link injecting
 * script. The page never runs inline or foreign script, talks only to this origin (WebSocket included), and
 * cannot be framed (clickjacking the Run button).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // CodeMirror sets inline styles on its own elements
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  /** Vite names files in assets/ by their content's hash: they never change, so they are cached for good. */
  immutable: boolean;
}

/** Every file under dir (dot-files and folders such as Vite's .vite manifest left out), by URL path. */
function readAssets(dir: string, prefix = ''): Map<string, Asset> {
  const out = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      for (const [k, v] of readAssets(path, `${prefix}${name}/`)) out.set(k, v);
      continue;
    }
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(path);
    const packed = type.startsWith('text/') || type === 'image/svg+xml' ? gzipSync(body, { level: 9 }) : undefined;
    out.set(`/${prefix}${name}`, { body, type, immutable: prefix.startsWith('assets/'), ...(packed && packed.length < body.length ? { gzip: packed } : {}) });
  }
  return out;
}

/** Register the page's routes; without a built page, `/` says how to build it. */
export function webRoutes(app: App, dir = webDir): void {
  if (!existsSync(join(dir, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async () => {
      throw new AirlockError('AIRLOCK_ERR_NOT_FOUND', 'the web page is not built (npm run build)');
    });
    return;
  }
  const assets = readAssets(dir);
  for (const [path, asset] of assets) {
    const urls = path === '/index.html' ? ['/', path] : [path];
    for (const url of urls) {
      app.get(url, { schema: { hide: true } }, async (req, reply) => {
        const gzip = asset.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        reply
          .type(asset.type)
          .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
          .header('vary', 'accept-encoding')
          .header('x-content-type-options', 'nosniff')
          .header('referrer-policy', 'no-referrer');
        if (asset.type.startsWith('text/html')) reply.header('content-security-policy', CSP);
        if (gzip) reply.header('content-encoding', 'gzip');
        return reply.send(gzip ? asset.gzip : asset.body);
      });
    }
  }
}
