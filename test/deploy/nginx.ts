// A private nginx for tests: its own prefix, pid, logs and temp dirs, on a free port, never the system's.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/box.js';

/** Debian's nginx binary, if installed. */
export const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** deploy/nginx/airlock.conf with only its listen port and upstream address changed; each must occur once. */
export function airlockConf(listenPort: number, upstreamPort: number): string {
  let text = readFileSync(join(repoRoot, 'deploy/nginx/airlock.conf'), 'utf8');
  const swap = (from: RegExp, to: string) => {
    const hits = text.match(new RegExp(from.source, 'gm'))?.length ?? 0;
    if (hits !== 1) throw new Error(`deploy/nginx/airlock.conf: expected one ${from}, found ${hits}`);
    text = text.replace(from, to);
  };
  swap(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${listenPort};`);
  swap(/^\s*listen \[::\]:80;\n/m, '');
  swap(/server 127\.0\.0\.1:8080;/m, `server 127.0.0.1:${upstreamPort};`);
  return text;
}

/** The wrapper nginx.conf: the main context a distribution would give, with every path in prefix. */
function mainConf(prefix: string): string {
  return `pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log info;
worker_processes 1;
events { worker_connections 1024; }
http {
    access_log ${prefix}/access.log;
    client_body_temp_path ${prefix}/body;
    proxy_temp_path ${prefix}/proxy;
    fastcgi_temp_path ${prefix}/fastcgi;
    uwsgi_temp_path ${prefix}/uwsgi;
    scgi_temp_path ${prefix}/scgi;
    include ${prefix}/airlock.conf;
}
`;
}

/** A running private nginx. */
export interface Nginx {
  port: number;
  prefix: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/** Write the configuration to a fresh prefix; returns the prefix and the config path. */
export function writeConfig(airlock: string): { prefix: string; conf: string } {
  const prefix = mkdtempSync(join(tmpdir(), 'airlock-nginx-'));
  chmodSync(prefix, 0o755); // workers (nobody) write request bodies under the prefix
  writeFileSync(join(prefix, 'airlock.conf'), airlock);
  writeFileSync(join(prefix, 'nginx.conf'), mainConf(prefix));
  return { prefix, conf: join(prefix, 'nginx.conf') };
}

/** `nginx -t` on a configuration; throws with nginx's words if it is invalid. */
export function checkConfig(prefix: string, conf: string): string {
  return execFileSync(nginxBin!, ['-t', '-p', prefix, '-e', join(prefix, 'error.log'), '-c', conf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Start nginx in the foreground (so it dies with us) with airlock.conf pointed at upstreamPort. */
export async function startNginx(upstreamPort: number): Promise<Nginx> {
  const port = await freePort();
  const { prefix, conf } = writeConfig(airlockConf(port, upstreamPort));
  const child: ChildProcess = spawn(nginxBin!, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(join(prefix, 'error.log'), 'utf8')}`);
    const up = await new Promise<boolean>((r) => {
      const s = createServer();
      s.once('error', () => r(true)); // the port is taken: nginx listens
      s.listen(port, '127.0.0.1', () => s.close(() => r(false)));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error('nginx did not start listening');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    prefix,
    errorLog: () => readFileSync(join(prefix, 'error.log'), 'utf8'),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
