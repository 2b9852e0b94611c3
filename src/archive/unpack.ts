// Unpacking an uploaded problem package (.tar, .tar.gz, .zip) into a fresh directory, under caps.
import { createGunzip } from 'node:zlib';
import { AirlockError } from '../errors.js';
import { inflated, once } from './bytes.js';
import type { UnpackCaps } from './caps.js';
import { UnpackTarget } from './target.js';
import { unpackTar } from './tar.js';
import { unpackZip } from './zip.js';

export type { UnpackCaps } from './caps.js';

/** The archive formats an upload may use. */
export type ArchiveFormat = 'tar' | 'tar.gz' | 'zip';

/** The format from the first bytes: gzip's magic, zip's local header, tar's "ustar" at 257. */
export function sniffFormat(buf: Buffer): ArchiveFormat | undefined {
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return 'tar.gz';
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x06054b50) return 'zip'; // an empty zip: refused later with its reason
  if (buf.length >= 263 && buf.toString('latin1', 257, 262) === 'ustar') return 'tar';
  return undefined;
}

/**
 * Unpack into `dir`, an empty directory the caller made and removes on failure. Nothing is written outside it:
 * names are checked before use and no link is ever created (src/archive/target.ts).
 */
export async function unpack(buf: Buffer, format: ArchiveFormat, dir: string, caps: UnpackCaps): Promise<{ bytes: number; entries: number }> {
  const sniffed = sniffFormat(buf);
  if (sniffed !== format) throw new AirlockError('AIRLOCK_ERR_BAD_ARCHIVE', `not a ${format} archive${sniffed ? ` (it looks like ${sniffed})` : ''}`);
  const target = new UnpackTarget(dir, caps);
  if (format === 'zip') await unpackZip(buf, target, caps);
  else if (format === 'tar') await unpackTar(once(buf), target, caps);
  else await unpackTar(inflated(createGunzip(), buf, 'damaged gzip data'), target, caps);
  return target.written;
}
