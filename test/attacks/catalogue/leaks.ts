// Leaks between runs: each plants something; the next run on the same slot (nextrun.c) must not see it.
import type { Attack } from './types.js';

/** Each one leaves state behind in a place that some sandboxes share between runs. */
export const leaks: Attack[] = [
  {
    name: 'c-leak-ipc-sockets-locks',
    category: 'leaks',
    lang: 'c',
    source: 'c/leak-plant.c',
    threat: 'files, SysV shm/msg/sem, POSIX mqueue, abstract and named sockets, flock left for the next run',
    expect: ['OK'],
    stdout: /sysv shm: planted/,
  },
  {
    name: 'python-leak-shm-socket',
    category: 'leaks',
    lang: 'python3',
    source: 'python/leak_plant.py',
    threat: 'POSIX shared memory, abstract socket and lock left for the next run',
    expect: ['OK'],
    stdout: /planted an abstract socket/,
  },
  {
    name: 'bash-leak-files',
    category: 'leaks',
    lang: 'bash',
    source: 'bash/leak.sh',
    threat: 'files, a FIFO and a sleeper left for the next run',
    expect: ['OK'],
    stdout: /planted/,
  },
];
