// Hunt for the host's secrets from Node: well-known paths, the service's files, the environment.
const fs = require('node:fs');

const secret = process.argv[2] ?? '/nonexistent';
const paths = ['/etc/shadow', '/root', '/home', '/var/lib/airlock', '/run/airlock', '/proc/1/environ',
  '/etc/airlock', '/work', '/usr/local/bin/airlock', secret];
let escaped = 0;
for (const p of paths) {
  try {
    if (fs.statSync(p).isDirectory()) fs.readdirSync(p);
    else fs.readFileSync(p);
    console.log(`ESCAPED: ${p} is readable`);
    escaped++;
  } catch {}
}
const allowed = new Set(['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'UV_THREADPOOL_SIZE']);
for (const name of Object.keys(process.env)) {
  if (!allowed.has(name)) {
    console.log(`ESCAPED: environment variable ${name}`);
    escaped++;
  }
}
if (!escaped) console.log('contained: no host secret, no foreign environment');
