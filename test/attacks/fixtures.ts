// Host-side targets the attacks aim at: services on loopback, unix sockets, a secret file, a process
// with the box's uid. Each counts what reaches it; a count above zero is an escape.
import { type ChildProcess, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostSentinel } from '../helpers/box.js';

/** The live fixtures of one catalogue run. */
export interface Fixtures {
  dir: string;
  /** Random text in the secret file and in our own environment; it must never appear in a box's output. */
  token: string;
  values: { tcp: string; udp: string; unix: string; abstract: string; secret: string };
  /** Connections or datagrams that reached a fixture so far. */
  hits(): number;
  close(): Promise<void>;
}

function listen(server: Server, where: { port?: number; host?: string; path?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => resolve());
  });
}

/** Start the fixtures; the secret token is also put in this process's environment. */
export async function startFixtures(): Promise<Fixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-attacks-'));
  const token = `AIRLOCK-SECRET-${randomBytes(12).toString('hex')}`;
  const secret = join(dir, 'secret.txt');
  writeFileSync(secret, `${token}\n`, { mode: 0o644 });
  process.env.AIRLOCK_ATTACK_SECRET = token;
  let hits = 0;
  const count = (s: { destroy(): void }) => {
    hits++;
    s.destroy();
  };
  const tcp = createServer(count);
  const unix = createServer(count);
  const abstract = createServer(count);
  const abstractName = `airlock-attack-svc-${process.pid}`;
  await listen(tcp, { port: 0, host: '127.0.0.1' });
  await listen(unix, { path: join(dir, 'service.sock') });
  await listen(abstract, { path: `\0${abstractName}` });
  const udp: Socket = createSocket('udp4');
  udp.on('message', () => hits++);
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  return {
    dir,
    token,
    values: {
      tcp: String((tcp.address() as { port: number }).port),
      udp: String(udp.address().port),
      unix: join(dir, 'service.sock'),
      abstract: abstractName,
      secret,
    },
    hits: () => hits,
    close: async () => {
      delete process.env.AIRLOCK_ATTACK_SECRET;
      await Promise.all([tcp, unix, abstract].map((s) => new Promise((r) => s.close(r))));
      udp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Replace {tcp}, {udp}, {unix}, {abstract} and {secret} in an argument. */
export function fill(arg: string, f: Fixtures): string {
  return arg.replace(/\{(tcp|udp|unix|abstract|secret)\}/g, (_, k: keyof Fixtures['values']) => f.values[k]);
}

/** A host process running as the slot's uid: kill(-1) in a box must not reach it. */
export async function uidSentinel(slot: number): Promise<{ alive(): boolean; stop(): Promise<void> }> {
  const child: ChildProcess = hostSentinel(slot);
  await new Promise((r) => setTimeout(r, 50));
  return {
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Host programs started every 100 ms while a box runs: activity a box must not be able to observe. */
export function hostActivity(): { stop(): void } {
  const timer = setInterval(() => execFile('/bin/true', () => {}), 100);
  return { stop: () => clearInterval(timer) };
}
