// The feedback directory of an ICPC output validator. The box gets /feedback/ read-only with only these
// files writable (each bound on its own), so a hostile validator cannot fill the host's disk with new
// files or plant a link there; each file is capped by the box's file size limit and read back capped.
import { chmod, lstat, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { Bind } from '../sandbox/options.js';

/** Files a validator may write (problemtools' validate.h opens the first three; score.txt is for scoring). */
const FILES = ['judgemessage.txt', 'teammessage.txt', 'diffposition.txt', 'score.txt'] as const;

/** Bytes kept of each feedback file. */
const READ_BYTES = 64 * 1024;

/** The directory as the validator sees it (the spec wants the trailing slash). */
export const FEEDBACK_DIR = '/feedback/';

/** One test's feedback files on the host, their binds, and how to read and remove them. */
export interface Feedback {
  binds: Bind[];
  /** A file's text, or undefined when the validator left it empty. */
  read(name: (typeof FILES)[number]): Promise<string | undefined>;
  dispose(): Promise<void>;
}

/** Make empty feedback files under `scratch` (a private directory) for one validator run. */
export async function makeFeedback(scratch: string, id: string): Promise<Feedback> {
  const dir = join(scratch, `${id}.feedback`);
  await mkdir(dir, { mode: 0o700 });
  // World-writable files in a root-only directory: the box's uid writes through its bind, nobody else reaches them.
  for (const f of FILES) {
    await writeFile(join(dir, f), '', { mode: 0o666 });
    await chmod(join(dir, f), 0o666); // past the umask
  }
  return {
    binds: FILES.map((f) => ({ src: join(dir, f), dst: `${FEEDBACK_DIR}${f}`, rw: true })),
    read: (name) => readCapped(join(dir, name)),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** At most READ_BYTES of a regular file, never through a link (the file was ours, but check anyway). */
async function readCapped(path: string): Promise<string | undefined> {
  const st = await lstat(path).catch(() => undefined);
  if (!st?.isFile() || st.size === 0) return undefined;
  const fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const buf = Buffer.alloc(Math.min(READ_BYTES, st.size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').trim();
    return text === '' ? undefined : text + (st.size > READ_BYTES ? ` … [${st.size - READ_BYTES} more bytes]` : '');
  } finally {
    await fh.close();
  }
}
