// Webhooks to a receiver run by the test: signatures verified, failures retried with backoff, attempts on the run.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { py, testApp } from '../helpers/service.js';

const SECRET = 'test-secret-for-webhooks';
let t: Awaited<ReturnType<typeof testApp>>;
before(async () => {
  t = await testApp(306, { 'webhooks.secret': SECRET, 'webhooks.initialDelay': 0.05, 'webhooks.maxAttempts': 3, 'webhooks.timeout': 1 });
});
after(() => t.close());

/** What a receiver must do: recompute the HMAC over "<timestamp>.<body>" and compare in constant time. */
function verified(req: IncomingMessage, body: string): boolean {
  const ts = String(req.headers['x-airlock-timestamp']);
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`);
  const got = Buffer.from(String(req.headers['x-airlock-signature']));
  return got.length === expected.length && timingSafeEqual(got, expected) && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
}

/** A receiver answering each delivery with the next status of `answers` (then 200). */
async function receiver(answers: number[]) {
  const deliveries: { ok: boolean; id: string; attempt: string; at: number; body: { id: string; result: { stdout: string } } }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      deliveries.push({
        ok: verified(req, body),
        id: String(req.headers['x-airlock-delivery']),
        attempt: String(req.headers['x-airlock-attempt']),
        at: Date.now(),
        body: JSON.parse(body),
      });
      res.statusCode = answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, deliveries, close: () => server.close() };
}

async function until(cond: () => Promise<boolean> | boolean, ms = 10_000) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('timed out');
}

test('signed delivery, retried after two failures with growing delays, attempts visible on the run', async () => {
  const rx = await receiver([500, 503]);
  try {
    const res = await t.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print("hook")', { callbackUrl: rx.url }) });
    const { id } = res.json();
    await until(async () => (await t.parts.store.getRun(id))?.webhookState === 'delivered');
    assert.equal(rx.deliveries.length, 3);
    assert.ok(
      rx.deliveries.every((d) => d.ok),
      'every signature verifies',
    );
    assert.deepEqual(
      rx.deliveries.map((d) => d.attempt),
      ['1', '2', '3'],
    );
    assert.equal(new Set(rx.deliveries.map((d) => d.id)).size, 1, 'one delivery id across retries');
    assert.equal(rx.deliveries[2]!.body.id, id);
    assert.equal(rx.deliveries[2]!.body.result.stdout, 'hook\n');
    const gap1 = rx.deliveries[1]!.at - rx.deliveries[0]!.at;
    const gap2 = rx.deliveries[2]!.at - rx.deliveries[1]!.at;
    assert.ok(gap1 >= 40 && gap2 >= 80, `backoff ${gap1} then ${gap2} ms`);
    const view = (await t.app.inject({ url: `/v1/runs/${id}` })).json();
    assert.equal(view.webhook.state, 'delivered');
    assert.deepEqual(
      view.webhook.attempts.map((a: { statusCode: number }) => a.statusCode),
      [500, 503, 200],
    );
  } finally {
    rx.close();
  }
});

test('a receiver that never accepts: the webhook fails after maxAttempts, the run keeps its result', async () => {
  const rx = await receiver([500, 500, 500, 500]);
  try {
    const { id } = (await t.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print(1)', { callbackUrl: rx.url }) })).json();
    await until(async () => (await t.parts.store.getRun(id))?.webhookState === 'failed');
    assert.equal(rx.deliveries.length, 3);
    const view = (await t.app.inject({ url: `/v1/runs/${id}` })).json();
    assert.equal(view.state, 'done');
    assert.equal(view.webhook.attempts.length, 3);
  } finally {
    rx.close();
  }
});

test('a dead receiver is recorded as a connection error, not a crash', async () => {
  const { id } = (
    await t.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print(1)', { callbackUrl: 'http://127.0.0.1:1/hook' }) })
  ).json();
  await until(async () => (await t.parts.store.getRun(id))?.webhookState === 'failed');
  const attempts = await t.parts.store.webhookAttempts(id);
  assert.ok(attempts.every((a) => a.statusCode === null && /ECONNREFUSED/.test(a.error ?? '')));
});

test('without allowPrivate, loopback and private callback URLs are refused (SSRF)', async () => {
  const strict = await testApp(308, { 'webhooks.allowPrivate': false });
  try {
    for (const url of ['http://127.0.0.1:9/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://10.1.2.3/', 'http://localhost/x']) {
      const res = await strict.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('1', { callbackUrl: url }) });
      assert.equal(res.json().error?.code, 'AIRLOCK_ERR_BAD_CALLBACK_URL', url);
    }
  } finally {
    await strict.close();
  }
});

test('a delivery interrupted by a stop resumes at the next start, once', async () => {
  const rx = await receiver([500]);
  const flags = { 'webhooks.secret': SECRET, 'webhooks.initialDelay': 30, 'webhooks.maxAttempts': 3 };
  const first = await testApp(308, flags);
  try {
    const { id } = (await first.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print(1)', { callbackUrl: rx.url }) })).json();
    // The first attempt failed (and is recorded: the receiver seeing it is not enough); the retry waits 30 s.
    await until(async () => rx.deliveries.length === 1 && (await first.parts.store.webhookAttempts(id)).length === 1);
    await first.close();
    const second = await testApp(308, { ...flags, dataDir: first.config.dataDir });
    try {
      await until(async () => (await second.parts.store.getRun(id))?.webhookState === 'delivered');
      assert.equal(rx.deliveries.length, 2);
      assert.deepEqual(
        rx.deliveries.map((d) => d.attempt),
        ['1', '2'],
      );
      assert.ok(rx.deliveries.every((d) => d.ok));
    } finally {
      await second.close();
    }
  } finally {
    rx.close();
  }
});

/**
 * A raw TCP receiver on 127.0.0.1 that, once the request has arrived, does `behave` to the socket; it records when
 * each connection opened and closed. Never anything but loopback.
 */
async function rawReceiver(behave: (sock: Socket) => NodeJS.Timeout | void) {
  const conns: { opened: number; closed?: number }[] = [];
  const timers: NodeJS.Timeout[] = [];
  const server = createTcpServer((sock) => {
    const c: { opened: number; closed?: number } = { opened: Date.now() };
    conns.push(c);
    let seen = '';
    let started = false;
    sock.on('data', (d) => {
      seen += d.toString('latin1');
      if (!started && seen.includes('\r\n\r\n')) {
        started = true;
        const timer = behave(sock);
        if (timer) timers.push(timer);
      }
    });
    sock.on('error', () => {});
    sock.on('close', () => (c.closed = Date.now()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    conns,
    close() {
      for (const t of timers) clearInterval(t);
      server.close();
      for (const c of conns) c.closed ??= Date.now();
    },
  };
}

/** Write one byte every 100 ms, for ever (until the socket closes). */
const trickle = (sock: Socket, bytes: string) => {
  let i = 0;
  const timer = setInterval(() => (sock.writable ? sock.write(bytes[i++ % bytes.length]!) : clearInterval(timer)), 100);
  return timer;
};

test('a receiver that trickles its status line and headers: each attempt ends by the deadline (webhooks.timeout), the socket dropped', async () => {
  const rx = await rawReceiver((sock) => {
    sock.write('HTTP/1.1 200 OK\r\n');
    return trickle(sock, 'X-Slow: aaaaaaaaaaaaaaaa\r\n');
  });
  try {
    const { id } = (await t.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print(1)', { callbackUrl: rx.url }) })).json();
    await until(async () => (await t.parts.store.getRun(id))?.webhookState === 'failed', 15_000);
    const attempts = await t.parts.store.webhookAttempts(id);
    assert.equal(attempts.length, 3);
    for (const a of attempts) {
      assert.equal(a.statusCode, null);
      assert.match(a.error ?? '', /no complete answer within 1 s/);
      assert.ok(a.durationMs < 1500, `an attempt took ${a.durationMs} ms`);
    }
    await until(() => rx.conns.length === 3 && rx.conns.every((c) => c.closed !== undefined));
    for (const c of rx.conns) assert.ok(c.closed! - c.opened < 1500, `a connection stayed open ${c.closed! - c.opened} ms`);
  } finally {
    rx.close();
  }
});

test('a receiver that answers 200 then trickles its body for ever: delivered, the attempt ends by the deadline', async () => {
  const rx = await rawReceiver((sock) => {
    sock.write('HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n');
    return trickle(sock, 'x');
  });
  try {
    const { id } = (await t.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print(1)', { callbackUrl: rx.url }) })).json();
    await until(async () => (await t.parts.store.getRun(id))?.webhookState === 'delivered', 10_000);
    const [a] = await t.parts.store.webhookAttempts(id);
    assert.equal(a!.statusCode, 200);
    assert.ok(a!.durationMs < 1500, `the attempt took ${a!.durationMs} ms`);
    await until(() => rx.conns[0]?.closed !== undefined, 3000);
  } finally {
    rx.close();
  }
});

test('a receiver that floods its answer: at most a few KiB are read, then the socket is dropped', async () => {
  let sent = 0;
  const rx = await rawReceiver((sock) => {
    sock.write('HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = `10000\r\n${'y'.repeat(0x10000)}\r\n`;
    const pump = () => {
      while (sock.writable && sock.write(chunk)) sent += chunk.length;
    };
    sock.on('drain', pump);
    pump();
  });
  try {
    const { id } = (await t.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print(1)', { callbackUrl: rx.url }) })).json();
    await until(async () => (await t.parts.store.getRun(id))?.webhookState === 'delivered', 10_000);
    const [a] = await t.parts.store.webhookAttempts(id);
    assert.equal(a!.statusCode, 204);
    assert.ok(a!.durationMs < 900, `the attempt took ${a!.durationMs} ms: it read until the deadline`);
    await until(() => rx.conns[0]?.closed !== undefined, 3000);
    assert.ok(sent < 16 * 1024 * 1024, `the receiver pushed ${sent} bytes before the socket was dropped`);
  } finally {
    rx.close();
  }
});

test('deliveries in flight are capped by webhooks.maxConcurrent; the others wait their turn and are delivered', async () => {
  const capped = await testApp(310, { 'webhooks.secret': SECRET, 'webhooks.maxConcurrent': 2, 'webhooks.timeout': 5, 'webhooks.maxAttempts': 1 });
  let open = 0;
  let most = 0;
  const rx = await rawReceiver((sock) => {
    open++;
    most = Math.max(most, open);
    // Hold each answer a while, so that more deliveries are due than the cap allows.
    setTimeout(() => {
      open--;
      sock.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    }, 1500);
  });
  try {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await capped.app.inject({ method: 'POST', url: '/v1/runs?wait=false', payload: py('print(1)', { callbackUrl: rx.url }) })).json().id);
    for (const id of ids) await until(async () => (await capped.parts.store.getRun(id))?.webhookState === 'delivered', 20_000);
    assert.equal(rx.conns.length, 6);
    assert.ok(most <= 2, `${most} deliveries were in flight at once`);
    assert.equal(most, 2, 'two at a time did go out');
  } finally {
    rx.close();
    await capped.close();
  }
});
