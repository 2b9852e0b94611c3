// The service serves the built page at `/`: from memory, gzipped, hashed assets cached for good, a strict CSP,
// and nothing but the files that were there at start.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { repoRoot } from '../helpers/box.js';
import { testApp } from '../helpers/service.js';

const built = existsSync(join(repoRoot, 'dist/web/index.html'));

describe('the page at /', { skip: built ? false : 'the page is not built (npm run build)' }, () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    t = await testApp(602);
  });
  after(() => t.close());

  test("/ is the page, with a CSP that allows only this origin's scripts and no framing", async () => {
    const r = await t.app.inject({ url: '/' });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /^text\/html/);
    assert.match(r.body, /<title>airlock<\/title>/);
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  });

  test('hashed assets are gzipped for clients that take it and cached as immutable', async () => {
    const js = readdirSync(join(repoRoot, 'dist/web/assets')).find((f) => /^index-.*\.js$/.test(f))!;
    const plain = await t.app.inject({ url: `/assets/${js}` });
    const packed = await t.app.inject({ url: `/assets/${js}`, headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(plain.statusCode, 200);
    assert.match(String(plain.headers['content-type']), /^text\/javascript/);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(packed.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(packed.rawPayload).toString(), plain.body);
    assert.match(String(packed.headers['cache-control']), /immutable/);
  });

  test("only the built files are routes: no manifest, no traversal, the API's 404 otherwise", async () => {
    for (const url of ['/.vite/manifest.json', '/assets/../index.html', '/assets/%2e%2e/%2e%2e/package.json', '/nope.js', '/src/main.ts']) {
      const r = await t.app.inject({ url });
      if (url === '/assets/../index.html' && r.statusCode === 200) continue; // normalised to /index.html: the page itself
      assert.equal(r.statusCode, 404, url);
      assert.equal(r.json().error.code, 'AIRLOCK_ERR_NOT_FOUND', url);
    }
  });

  test('the page is served without an API key even when anonymous API use is off', async () => {
    const closed = await testApp(604, { 'auth.anonymous': false });
    try {
      assert.equal((await closed.app.inject({ url: '/' })).statusCode, 200);
      assert.equal((await closed.app.inject({ url: '/v1/languages' })).statusCode, 401);
    } finally {
      await closed.close();
    }
  });
});
