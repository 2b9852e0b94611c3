// A small tar reader (ustar, GNU long names, pax paths and sizes): regular files and directories only.
import { AirlockError } from '../errors.js';
import { ByteReader } from './bytes.js';
import { entryParts, type UnpackCaps } from './caps.js';
import type { UnpackTarget } from './target.js';

const BLOCK = 512;
/** pax and GNU long-name records are names, not content: small. */
const MAX_META = 1024 * 1024;

const bad = (why: string) => new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', why);
const unsafe = (name: string, why: string) => new AirlockError('AIRLOCK_ERR_ARCHIVE_UNSAFE', `${JSON.stringify(name.slice(0, 200))}: ${why}`);

/** Unpack a tar stream into the target; links, devices and FIFOs are refused, never created. */
export async function unpackTar(input: AsyncIterable<Buffer>, target: UnpackTarget, caps: UnpackCaps): Promise<void> {
  // Headers and padding are read too: at most a few blocks per entry on top of the content.
  const reader = new ByteReader(input[Symbol.asyncIterator](), caps.maxBytes + (caps.maxFiles + 64) * 4 * BLOCK + MAX_META);
  try {
    await readEntries(reader, target, caps);
  } finally {
    await reader.close();
  }
}

async function readEntries(reader: ByteReader, target: UnpackTarget, caps: UnpackCaps): Promise<void> {
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  for (let first = true; ; first = false) {
    const h = await reader.take(BLOCK);
    if (!h) {
      if (first) throw bad('the archive is empty');
      return; // no end-of-archive blocks: some writers omit them
    }
    if (h.every((b) => b === 0)) return;
    checkSum(h);
    const type = h[156] === 0 ? '0' : String.fromCharCode(h[156]!);
    const size = pax.size !== undefined ? paxSize(pax.size) : octal(h, 124, 12);
    const name = pax.path ?? longName ?? headerName(h);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (type === 'x' || type === 'L') {
      if (size > MAX_META) throw bad(`a ${type === 'x' ? 'pax' : 'long name'} record of ${size} bytes`);
      const data = (await reader.take(size + padding)) ?? Buffer.alloc(0);
      if (type === 'x') pax = { ...pax, ...parsePax(data.subarray(0, size)) };
      else longName = cString(data.subarray(0, size));
      continue;
    }
    if (type === 'g' || type === 'K' || type === 'V') {
      // Global pax defaults, a long link target (its link is refused next), a volume label: nothing to write.
      await reader.skip(size + padding);
      continue;
    }
    pax = {};
    longName = undefined;
    switch (type) {
      case '1':
        throw unsafe(name, 'a hard link (it could alias a file outside the package)');
      case '2':
        throw unsafe(name, 'a symbolic link (it could point outside the package)');
      case '3':
      case '4':
        throw unsafe(name, 'a device file');
      case '6':
        throw unsafe(name, 'a FIFO');
      case '5': {
        const parts = entryParts(name, caps);
        if (parts.length) await target.dir(parts);
        await reader.skip(size + padding);
        continue;
      }
      case '0':
      case '7': {
        const parts = entryParts(name, caps);
        if (name.endsWith('/') && size === 0) {
          if (parts.length) await target.dir(parts);
          continue;
        }
        if (!parts.length) throw bad(`a file entry named ${JSON.stringify(name)}`);
        target.reserve(size);
        await target.file(parts, reader.stream(size));
        await reader.skip(padding);
        continue;
      }
      default:
        throw bad(`${JSON.stringify(name.slice(0, 200))}: tar entry type ${JSON.stringify(type)} is not supported`);
    }
  }
}

/** The header checksum: a corrupt or non-tar stream stops here instead of being read as entries. */
function checkSum(h: Buffer): void {
  const stored = octal(h, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 32 : h[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  if (stored !== unsigned && stored !== signed) throw bad('not a tar archive (a header checksum does not match)');
}

/** A numeric header field in octal; the base-256 form only appears for sizes no package needs. */
function octal(h: Buffer, at: number, len: number): number {
  if (h[at]! & 0x80) throw new AirlockError('AIRLOCK_ERR_ARCHIVE_TOO_LARGE', 'an entry of 8 GiB or more');
  const text = h
    .toString('latin1', at, at + len)
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (!/^[0-7]*$/.test(text)) throw bad('not a tar archive (a number field is not octal)');
  return text === '' ? 0 : parseInt(text, 8);
}

function paxSize(v: string): number {
  if (!/^\d{1,15}$/.test(v)) throw bad(`pax size ${JSON.stringify(v.slice(0, 40))}`);
  return Number(v);
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.toString('utf8', 0, end < 0 ? b.length : end);
}

/** ustar splits long names into a prefix and a name; GNU tar's header has no prefix. */
function headerName(h: Buffer): string {
  const name = cString(h.subarray(0, 100));
  const ustar = h.toString('latin1', 257, 263) === 'ustar\0';
  const prefix = ustar ? cString(h.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** pax records: "LEN key=value\n", LEN counting the whole record. */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const len = space < 0 ? NaN : Number(data.toString('latin1', at, space));
    if (!Number.isInteger(len) || len <= 0 || at + len > data.length) throw bad('a malformed pax record');
    const record = data.toString('utf8', space + 1, at + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += len;
  }
  return out;
}
