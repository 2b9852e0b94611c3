// Whether this launcher can enforce allow-lists, probed once per process with a real box.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAirlockError } from '../errors.js';
import { defaultRunLimits } from '../sandbox/limits.js';
import type { BoxOptions } from '../sandbox/options.js';
import { runBox } from '../sandbox/run.js';

let probe: Promise<boolean> | undefined;

/**
 * A launcher that fails to build an allow-list filter (status IE) would turn every
 * run of a profiled language into an internal error; then the baseline filter is
 * used instead and airlock says so once on stderr. /bin/true under a list that
 * allows what it needs must end OK.
 */
export function allowListsWork(slot: number, sandbox: Partial<BoxOptions> = {}): Promise<boolean> {
  probe ??= (async () => {
    const list = join(mkdtempSync(join(tmpdir(), 'airlock-allow-')), 'probe.txt');
    writeFileSync(list, 'read\nclose\nmmap\nmprotect\nmunmap\nbrk\npread64\naccess\narch_prctl\nset_tid_address\nopenat\nnewfstatat\nfstat\nset_robust_list\nprlimit64\nrseq\ngetrandom\n');
    try {
      const r = await runBox({ ...sandbox, command: ['/bin/true'], slot, limits: { ...defaultRunLimits, cpuTime: 2, wallTime: 5 }, seccompAllow: list });
      if (r.status === 'OK') return true;
      process.stderr.write(`airlock: the launcher cannot enforce syscall allow-lists (${r.status}: ${r.message}); languages run under the baseline filter\n`);
      return false;
    } catch (e) {
      if (isAirlockError(e, 'AIRLOCK_ERR_CANCELLED')) probe = undefined;
      throw e;
    }
  })();
  return probe;
}
