// Judge0's additional_files: a zip, opened inside a box (never by the service), with caps and no path escapes.
import type { AppDeps } from '../../api/types.js';
import { getLanguage, isInstalled } from '../../languages/registry.js';
import type { Principal } from '../../auth/types.js';
import { Judge0Invalid } from './invalid.js';

// Threat: zip bombs, zip-slip ("../x", "/etc/x"), links, and bugs in a zip parser. The archive is read by
// Python's zipfile inside a box with its own memory, time and output caps; the service only parses JSON.
const EXTRACT = `import base64, json, stat, sys, zipfile
cap, most = int(sys.argv[1]), int(sys.argv[2])
out, total = [], 0
try:
    with zipfile.ZipFile('files.zip') as z:
        for i in z.infolist():
            if i.is_dir():
                continue
            n = i.filename
            if stat.S_ISLNK(i.external_attr >> 16):
                raise ValueError('links are not allowed: ' + n)
            if n.startswith('/') or '\\\\' in n or any(p in ('', '.', '..') for p in n.split('/')):
                raise ValueError('path outside the archive: ' + n)
            total += i.file_size
            if total > cap:
                raise ValueError('more than %d bytes when extracted' % cap)
            if len(out) >= most:
                raise ValueError('more than %d files' % most)
            with z.open(i) as f:
                data = f.read(i.file_size + 1)
            if len(data) != i.file_size:
                raise ValueError('size does not match: ' + n)
            out.append({'name': n, 'content': base64.b64encode(data).decode()})
    print(json.dumps({'files': out}))
except Exception as e:
    print(json.dumps({'error': str(e)}))
`;

/** The files of a zip, extracted in a box; throws Judge0Invalid (422) for a bad archive. */
export async function extractZip(
  deps: AppDeps,
  zip: Buffer,
  capBytes: number,
  maxFiles: number,
  who: Principal,
  requestId: string,
): Promise<{ name: string; content: Buffer }[]> {
  const { service, config } = deps;
  const python = getLanguage('python3');
  if (!isInstalled(python)) throw new Judge0Invalid({ additional_files: ['cannot be extracted on this server (python3 is not installed)'] });
  const [run] = await service.submit(
    [
      {
        language: 'python3',
        encoding: 'base64',
        files: [
          { name: 'extract.py', content: Buffer.from(EXTRACT).toString('base64') },
          { name: 'files.zip', content: zip.toString('base64') },
        ],
        args: [String(capBytes), String(maxFiles)],
        limits: { cpuTime: 5, wallTime: 10, memory: 256 * 1024 * 1024, output: Math.ceil(capBytes * 1.4) + 65536 },
        outputEncoding: 'utf8',
      },
    ],
    who,
    { mode: 'sync', requestId },
  );
  const done = await service.wait(run!.id, config.runs.syncTimeout * 1000);
  const r = done.result;
  let parsed: { files?: { name: string; content: string }[]; error?: string } = {};
  try {
    if (r?.status === 'OK' && r.encoding === 'utf8') parsed = JSON.parse(r.stdout) as typeof parsed;
  } catch {
    /* reported below */
  }
  if (!parsed.files)
    throw new Judge0Invalid({ additional_files: [parsed.error ?? `cannot be extracted (${r ? `${r.status} ${r.message}` : (done.error ?? done.state)})`] });
  return parsed.files.map((f) => ({ name: f.name, content: Buffer.from(f.content, 'base64') }));
}
