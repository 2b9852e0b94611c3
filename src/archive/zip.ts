// A small zip reader (stored and deflated entries) over the whole archive in memory, driven by the central directory.
import { createInflateRaw } from 'node:zlib';
import { AirlockError } from '../errors.js';
import { inflated, once } from './bytes.js';
import { entryParts, type UnpackCaps } from './caps.js';
import { crc32 } from './crc32.js';
import type { UnpackTarget } from './target.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const S_IFMT = 0o170000;

const bad = (why: string) => new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', why);
const unsafe = (name: string, why: string) => new AirlockError('AIRLOCK_ERR_ARCHIVE_UNSAFE', `${JSON.stringify(name.slice(0, 200))}: ${why}`);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One central directory record. */
interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  /** Unix mode when the archive was made on Unix, else 0. */
  mode: number;
  local: number;
}

/** Unpack a zip archive into the target; symbolic links, devices and encrypted entries are refused. */
export async function unpackZip(buf: Buffer, target: UnpackTarget, caps: UnpackCaps): Promise<void> {
  const entries = centralDirectory(buf, caps);
  const ranges: Array<[number, number, string]> = [];
  for (const e of entries) {
    const parts = entryParts(e.name, caps);
    const type = e.mode & S_IFMT;
    if (type === 0o120000) throw unsafe(e.name, 'a symbolic link (it could point outside the package)');
    const isDir = e.name.endsWith('/') || type === 0o040000;
    if (type !== 0 && type !== 0o100000 && type !== 0o040000) throw unsafe(e.name, 'a device, FIFO or socket');
    if (e.flags & 0x41) throw bad(`${e.name}: encrypted entries are not supported`);
    if (isDir) {
      if (parts.length) await target.dir(parts);
      continue;
    }
    if (!parts.length) throw bad(`a file entry named ${JSON.stringify(e.name)}`);
    const start = dataStart(buf, e);
    ranges.push([start, start + e.compressed, e.name]);
    target.reserve(e.size);
    const data = buf.subarray(start, start + e.compressed);
    let crc = 0;
    let size = 0;
    const counted = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const c of chunks) {
        crc = crc32(c, crc);
        size += c.length;
        yield c;
      }
    };
    await target.file(parts, counted(e.method === 0 ? once(data) : inflated(createInflateRaw(), data, `${e.name}: damaged deflate data`)));
    if (size !== e.size || crc !== e.crc) throw bad(`${e.name}: the content does not match its recorded size and CRC`);
  }
  // Threat: overlapping entries (one deflate stream shared by many names) multiply a small archive's output.
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]![0] < ranges[i - 1]![1]) throw bad(`${ranges[i]![2]} overlaps ${ranges[i - 1]![2]} in the archive`);
  }
}

/** The central directory's records, from the end-of-central-directory record. */
function centralDirectory(buf: Buffer, caps: UnpackCaps): Entry[] {
  const eocd = findEocd(buf);
  if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) throw bad('zip64 archives are not supported');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw bad('multi-part archives are not supported');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdAt = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdAt === 0xffffffff) throw bad('zip64 archives are not supported');
  if (count === 0) throw bad('the archive is empty');
  if (count > caps.maxFiles) throw new AirlockError('AIRLOCK_ERR_ARCHIVE_TOO_LARGE', `${count} entries, at most ${caps.maxFiles}`);
  if (cdAt + cdSize > eocd) throw bad('the central directory lies outside the archive');
  const entries: Entry[] = [];
  let at = cdAt;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== CENTRAL) throw bad('a central directory record is damaged');
    const madeBy = buf.readUInt16LE(at + 4);
    const flags = buf.readUInt16LE(at + 8);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    if (at + 46 + nameLen > eocd) throw bad('a central directory record is damaged');
    const e: Entry = {
      name: entryName(buf.subarray(at + 46, at + 46 + nameLen), flags),
      method: buf.readUInt16LE(at + 10),
      flags,
      crc: buf.readUInt32LE(at + 16),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      mode: madeBy >> 8 === 3 ? buf.readUInt32LE(at + 38) >>> 16 : 0,
      local: buf.readUInt32LE(at + 42),
    };
    if (e.method !== 0 && e.method !== 8) throw bad(`${e.name}: compression method ${e.method} is not supported (only stored and deflate)`);
    if (e.compressed === 0xffffffff || e.size === 0xffffffff || e.local === 0xffffffff) throw bad('zip64 archives are not supported');
    entries.push(e);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The end-of-central-directory record sits in the last 64 KiB + 22 bytes (its comment may be up to 64 KiB). */
function findEocd(buf: Buffer): number {
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--) {
    if (buf.readUInt32LE(at) === EOCD && at + 22 + buf.readUInt16LE(at + 20) === buf.length) return at;
  }
  throw bad('not a zip archive (no end of central directory)');
}

/** Names are UTF-8 when flagged (or valid as such), else the old DOS code page, read as Latin-1. */
function entryName(raw: Buffer, flags: number): string {
  try {
    return utf8.decode(raw);
  } catch {
    if (flags & 0x800) throw bad('an entry name flagged UTF-8 is not valid UTF-8');
    return raw.toString('latin1');
  }
}

/** Where an entry's data begins, after its local header; the local name must be the central one. */
function dataStart(buf: Buffer, e: Entry): number {
  const at = e.local;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw bad(`${e.name}: its local header is missing`);
  const nameLen = buf.readUInt16LE(at + 26);
  const extraLen = buf.readUInt16LE(at + 28);
  // Threat: a local name that differs from the central one shows different files to different tools.
  const local = buf.subarray(at + 30, at + 30 + nameLen);
  if (!local.equals(Buffer.from(e.name, e.flags & 0x800 || isUtf8Name(local) ? 'utf8' : 'latin1'))) throw bad(`${e.name}: its local header names another file`);
  const start = at + 30 + nameLen + extraLen;
  if (start + e.compressed > buf.length) throw bad(`${e.name}: its data runs past the end of the archive`);
  return start;
}

function isUtf8Name(b: Buffer): boolean {
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
  }
}
