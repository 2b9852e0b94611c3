// Whether this host's kernel runs 32-bit system calls at all. Kernels since 6.7 may build IA-32 emulation in and
// leave it off (CONFIG_IA32_EMULATION_DEFAULT_DISABLED, ia32_emulation=false): int 0x80 then dies with SIGSEGV in
// the kernel before any filter sees it. Found by running the catalogue's own program outside any box, once.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './box.js';

let cached: boolean | undefined;

/** True when int 0x80 reaches the kernel's 32-bit syscall table on this host. */
export function int80Reaches(): boolean {
  if (cached === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-abi-'));
    try {
      execFileSync('gcc', ['-O0', '-o', join(dir, 'int80'), `${repoRoot}test/attacks/programs/c/int80.c`]);
      // Harmless outside a box: it asks for getuid32 and prints the answer.
      cached = spawnSync(join(dir, 'int80')).signal !== 'SIGSEGV';
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return cached;
}
