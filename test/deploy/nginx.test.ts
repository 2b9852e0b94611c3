// deploy/nginx/airlock.conf in a real nginx (Debian's), private prefix and free ports, in front of a
// tiny upstream of the test's own: syntax, WebSocket upgrade, 413, slowloris cut while normal clients
// are served, and a flood rate-limited with 429.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../helpers/box.js';
import { checkConfig, type Nginx, nginxBin, startNginx, writeConfig } from './nginx.js';
import { startUpstream, type Upstream, wsAccept } from './upstream.js';

const skip = nginxBin ? false : 'nginx is not installed (setup.sh installs it)';

/** One plain GET through nginx: the status code. */
function get(port: number, path = '/'): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

/** Send raw bytes, return the first response bytes (or '' if nginx just closed). */
function raw(port: number, bytes: string | Buffer, more?: (s: Socket) => void): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n\r\n')) s.destroy();
    });
    s.on('error', () => {});
    s.on('close', () => resolve(got));
    s.write(bytes);
    more?.(s);
  });
}

describe('nginx front (deploy/nginx/airlock.conf)', { skip }, () => {
  let upstream: Upstream;
  let nginx: Nginx;

  before(async () => {
    upstream = await startUpstream();
    nginx = await startNginx(upstream.port);
  });
  after(async () => {
    await nginx?.stop();
    await upstream?.close();
  });

  test('the file as shipped passes nginx -t inside a distribution-like http {}', () => {
    const { prefix, conf } = writeConfig(readFileSync(join(repoRoot, 'deploy/nginx/airlock.conf'), 'utf8'));
    assert.doesNotThrow(() => checkConfig(prefix, conf));
  });

  test('proxies to the service with the client address', async () => {
    assert.equal(await get(nginx.port, '/v1/languages'), 200);
    assert.equal(upstream.lastHeaders?.['x-real-ip'], '127.0.0.1');
  });

  test('WebSocket upgrade passes through and echoes', async () => {
    const key = randomBytes(16).toString('base64');
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = request({
        port: nginx.port,
        host: '127.0.0.1',
        path: '/v1/ws',
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' },
      });
      req.on('upgrade', (res, socket) => {
        assert.equal(res.statusCode, 101);
        assert.equal(res.headers['sec-websocket-accept'], wsAccept(key));
        socket.once('data', (d) => {
          resolve(d.toString());
          socket.destroy();
        });
        socket.write('ping through nginx');
      });
      req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    assert.equal(echoed, 'ping through nginx');
    assert.equal(upstream.lastHeaders?.upgrade, 'websocket');
  });

  test('an oversized body gets 413, declared or chunked, and never reaches the service', async () => {
    const seen = upstream.requests;
    const declared = await raw(nginx.port, `POST /v1/runs HTTP/1.1\r\nHost: x\r\nContent-Length: ${9 * 1024 * 1024}\r\n\r\n`);
    assert.match(declared, /^HTTP\/1\.1 413/);
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const chunked = await raw(nginx.port, 'POST /v1/runs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n', (s) => {
      for (let i = 0; i < 9; i++) s.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`);
    });
    assert.match(chunked, /^HTTP\/1\.1 413/);
    assert.equal(upstream.requests, seen);
  });

  test('problem uploads may be larger (up to 96 MB); other routes keep the 8 MB cap', async () => {
    const seen = upstream.requests;
    const big = Buffer.alloc(9 * 1024 * 1024, 'a');
    const res = await raw(nginx.port, `POST /v1/problems HTTP/1.1\r\nHost: x\r\nContent-Type: application/gzip\r\nContent-Length: ${big.length}\r\nConnection: close\r\n\r\n`, (s) => s.write(big));
    assert.doesNotMatch(res, /^HTTP\/1\.1 413/);
    assert.equal(upstream.requests, seen + 1);
    const sub = await raw(nginx.port, `POST /v1/problems/x/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: ${9 * 1024 * 1024}\r\n\r\n`);
    assert.match(sub, /^HTTP\/1\.1 413/);
  });

  test('a slowloris crowd trickling headers is cut after ~10 s while normal clients are served', { timeout: 30_000 }, async () => {
    const seenBefore = upstream.requests;
    const started = Date.now();
    const crowd = Array.from({ length: 60 }, () => {
      const s = connect(nginx.port, '127.0.0.1');
      s.on('error', () => {});
      s.write('GET /v1/runs HTTP/1.1\r\nHost: x\r\n');
      const trickle = setInterval(() => s.write(`X-Slow-${randomBytes(2).toString('hex')}: y\r\n`), 1000);
      return new Promise<number>((resolve) =>
        s.on('close', () => {
          clearInterval(trickle);
          resolve(Date.now() - started);
        }),
      );
    });
    // Normal clients keep asking every 250 ms while the crowd holds its connections.
    const statuses: number[] = [];
    let done = false;
    const normal = (async () => {
      while (!done) {
        statuses.push(await get(nginx.port));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const closedAt = await Promise.all(crowd);
    done = true;
    await normal;
    assert.ok(closedAt.every((t) => t >= 9_000 && t <= 13_000), `closed after ${Math.min(...closedAt)}..${Math.max(...closedAt)} ms`);
    assert.ok(statuses.length >= 30, `${statuses.length} normal requests`);
    assert.deepEqual([...new Set(statuses)], [200]);
    assert.equal(upstream.requests - seenBefore, statuses.length, 'no slowloris request reached the service');
  });

  test('a flood gets 429 beyond the burst, and the service sees only the allowed part', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // let the bucket refill after the earlier tests
    const seenBefore = upstream.requests;
    const statuses = await Promise.all(Array.from({ length: 120 }, () => get(nginx.port)));
    const ok = statuses.filter((s) => s === 200).length;
    const limited = statuses.filter((s) => s === 429).length;
    assert.equal(ok + limited, statuses.length, `statuses: ${[...new Set(statuses)].join(' ')}`);
    // burst 20 at once, then 10/s for however long the flood takes on a loaded machine.
    assert.ok(limited >= 60, `${limited} of ${statuses.length} limited`);
    assert.ok(ok <= 40, `${ok} passed`);
    assert.equal(upstream.requests - seenBefore, ok);
    assert.match(nginx.errorLog(), /limiting requests/);
  });
});
