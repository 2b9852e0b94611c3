// An API node's readiness: it builds no boxes, so instead of the sandbox doctor it checks that workers are alive.
import type { BullQueue } from '../queue/bullmq.js';
import type { Check } from '../sandbox/doctor.js';

/** A doctor for /v1/health on an API node: ready while at least one worker advertises itself. */
export function clusterDoctor(bull: BullQueue): () => Promise<Check[]> {
  return async () => {
    const workers = await bull.workers();
    const slots = workers.reduce((sum, w) => sum + w.slots, 0);
    const languages = new Set(workers.flatMap((w) => w.languages)).size;
    return [
      workers.length
        ? { name: 'workers', ok: true, detail: `${workers.length} worker(s), ${slots} slot(s), ${languages} language(s)` }
        : {
            name: 'workers',
            ok: false,
            detail: 'no worker is taking jobs: runs wait in the queue',
            fix: 'start `airlock worker --queue … --store …` on a sandbox host',
          },
    ];
  };
}
