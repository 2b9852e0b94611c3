// Archives for upload tests: real ones from Debian's tar and zip, and hand-made hostile ones (links, "..", bombs)
// that those tools refuse to write.
import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { crc32 } from '../../src/archive/crc32.js';

/** `tar czf` of a directory, its name as the top directory. */
export function tarGzOf(dir: string): Buffer {
  return execFileSync('tar', ['czf', '-', '-C', dirname(dir), basename(dir)], { maxBuffer: 1 << 28 });
}

/** `zip -r` of a directory, its name as the top directory. */
export function zipOf(dir: string): Buffer {
  return execFileSync('zip', ['-qr', '-', basename(dir)], { cwd: dirname(dir), maxBuffer: 1 << 28 });
}

/** One tar entry: type '0' file, '1' hard link, '2' symlink, '3' char device, '5' directory, 'g' global pax header. */
export interface TarEntry {
  name: string;
  type?: string;
  data?: Buffer | string;
  link?: string;
  /** Declared size when it should differ from the data's. */
  size?: number;
}

/** A ustar archive of the entries, ended by two zero blocks. */
export function tar(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100, 'utf8');
    h.write('0000644\0', 100, 'latin1');
    h.write('0000000\0', 108, 'latin1');
    h.write('0000000\0', 116, 'latin1');
    h.write(`${(e.size ?? data.length).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    h.write('00000000000\0', 136, 'latin1');
    h.write('        ', 148, 'latin1');
    h.write(e.type ?? '0', 156, 'latin1');
    if (e.link) h.write(e.link, 157, 100, 'utf8');
    h.write('ustar\0' + '00', 257, 'latin1');
    const sum = h.reduce((a, b) => a + b, 0);
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** tar, gzipped. */
export const tgz = (entries: TarEntry[]): Buffer => gzipSync(tar(entries));

/** One zip entry; `mode` is a Unix mode (0o120777 makes a symlink); `size` a declared size that may lie. */
export interface ZipEntry {
  name: string;
  data?: Buffer | string;
  mode?: number;
  deflate?: boolean;
  size?: number;
}

/** A zip archive of the entries, made "on Unix" so that modes count. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.from(e.data ?? '');
    const body = e.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.size ?? raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.size ?? raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A minimal valid package's files, for hostile archives to hide in. */
export const tinyPackage = {
  'p/problem.json': '{"name": "Echo"}',
  'p/statement.md': 'Print the number.\n',
  'p/tests/1.in': '1\n',
  'p/tests/1.ans': '1\n',
};
