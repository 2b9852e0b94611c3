// Helpers for the compatibility tests: polling, a callback receiver, zips made by Python's zipfile on the host.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Wait until a condition holds (the one polling helper, re-exported for the compat tests). */
export { until } from '../helpers/until.js';

/** An HTTP receiver recording each request's method and JSON body. */
export async function receiver() {
  const got: { method: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ method: req.method!, body: JSON.parse(body) });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`, got, close: () => server.close() };
}

/** A zip archive of the given entries (name to text), as base64; `link` adds a symlink entry. */
export function zipOf(entries: Record<string, string>, link?: string): string {
  const script = `import base64, io, json, sys, zipfile
entries, link = json.loads(sys.argv[1]), sys.argv[2]
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as z:
    for n, t in entries.items():
        z.writestr(n, t)
    if link:
        i = zipfile.ZipInfo(link)
        i.external_attr = 0o120777 << 16
        z.writestr(i, '/etc/passwd')
print(base64.b64encode(buf.getvalue()).decode())`;
  return execFileSync('python3', ['-c', script, JSON.stringify(entries), link ?? ''])
    .toString()
    .trim();
}
