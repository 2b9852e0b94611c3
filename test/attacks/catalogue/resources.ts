// Resource exhaustion: CPU, memory, processes, disk, inodes, descriptors, output, stdin.
import type { Attack } from './types.js';

const MB = 1024 * 1024;
const contained = /contained/;

/** Each one starves a resource; the box's limits must hold for the sum of its processes. */
export const resources: Attack[] = [
  { name: 'c-cpu-spin', category: 'resources', lang: 'c', source: 'c/cpu-spin.c', threat: 'busy loop (RLIMIT_CPU in the seed)', expect: ['TLE'], message: /CPU time/, limits: { cpuTime: 0.5, wallTime: 8 } },
  { name: 'c-threads-spin', category: 'resources', lang: 'c', source: 'c/threads-spin.c', threat: '8 spinning threads: CPU time per thread would be 8x the limit', expect: ['TLE'], message: /CPU time/, limits: { cpuTime: 0.5, wallTime: 8 } },
  { name: 'python-cpu-spin', category: 'resources', lang: 'python3', source: 'python/cpu_spin.py', threat: 'busy loop in an interpreter', expect: ['TLE'], limits: { cpuTime: 0.5 } },
  { name: 'js-cpu-spin', category: 'resources', lang: 'javascript', source: 'js/cpu-spin.js', threat: 'busy loop in V8', expect: ['TLE'], limits: { cpuTime: 0.7 } },
  { name: 'java-cpu-spin', category: 'resources', lang: 'java', source: 'java/CpuSpin.java', threat: 'busy loop on the JVM', expect: ['TLE'], limits: { cpuTime: 2.5 } },
  { name: 'bash-sleep-forever', category: 'resources', lang: 'bash', source: 'bash/sleep-forever.sh', threat: 'sleeping forever with signals ignored (RLIMIT_CPU misses it)', expect: ['TLE'], message: /wall time/, limits: { wallTime: 0.5 } },
  { name: 'c-memory-touch', category: 'resources', lang: 'c', source: 'c/memory-touch.c', threat: 'malloc and touch until the host swaps', expect: ['MLE'], limits: { memory: 64 * MB } },
  { name: 'c-mmap-huge', category: 'resources', lang: 'c', source: 'c/mmap-huge.c', threat: '64 GiB MAP_NORESERVE mapping, touched page by page', expect: ['MLE'], limits: { memory: 64 * MB } },
  { name: 'python-memory', category: 'resources', lang: 'python3', source: 'python/memory.py', threat: 'memory hog in an interpreter', expect: ['MLE', 'RE'], limits: { memory: 64 * MB } },
  { name: 'js-memory', category: 'resources', lang: 'javascript', source: 'js/memory.js', threat: 'off-heap Buffers that the V8 heap cap does not see', expect: ['MLE', 'RE'], limits: { memory: 128 * MB } },
  { name: 'java-memory', category: 'resources', lang: 'java', source: 'java/Memory.java', threat: 'heap hog on the JVM (RLIMIT_AS breaks Java, per the seed)', expect: ['RE', 'MLE'] },
  { name: 'cpp-vector-memory', category: 'resources', lang: 'cpp', source: 'cpp/vector-memory.cpp', threat: 'std::vector growth until bad_alloc', expect: ['MLE', 'RE'], limits: { memory: 64 * MB } },
  { name: 'c-fork-bomb', category: 'resources', lang: 'c', source: 'c/fork-bomb.c', threat: 'fork bomb', expect: ['TLE', 'RE'], limits: { cpuTime: 0.5, wallTime: 1.5, processes: 32 } },
  { name: 'bash-fork-bomb', category: 'resources', lang: 'bash', source: 'bash/fork-bomb.sh', threat: 'the shell fork bomb :(){ :|:& };:', expect: ['TLE', 'RE', 'OK'], limits: { cpuTime: 0.5, wallTime: 1.5, processes: 32 } },
  { name: 'python-thread-bomb', category: 'resources', lang: 'python3', source: 'python/thread_bomb.py', threat: 'thread bomb', expect: ['OK'], stdout: /contained: threads stopped at \d+/, limits: { processes: 32 } },
  { name: 'js-spawn-bomb', category: 'resources', lang: 'javascript', source: 'js/spawn-bomb.js', threat: 'children spawned until refused, then abandoned', expect: ['OK'], stdout: /contained: spawn refused after \d+ children: EAGAIN/, limits: { processes: 32 } },
  { name: 'java-thread-bomb', category: 'resources', lang: 'java', source: 'java/ThreadBomb.java', threat: 'JVM thread bomb', expect: ['OK'], stdout: /contained: threads stopped at \d+/ },
  { name: 'c-sparse-file', category: 'resources', lang: 'c', source: 'c/sparse-file.c', threat: '1 TiB sparse file and 1 GiB fallocate', expect: ['OK'], stdout: /contained: ftruncate[^\n]*EFBIG\ncontained: pwrite[^\n]*EFBIG\ncontained: fallocate[^\n]*(ENOSPC|EFBIG)/ },
  { name: 'c-inodes', category: 'resources', lang: 'c', source: 'c/inodes.c', threat: 'inode exhaustion with empty files', expect: ['OK'], stdout: /contained: stopped after \d{2,3} files/, limits: { inodes: 500 } },
  { name: 'python-fd-exhaust', category: 'resources', lang: 'python3', source: 'python/fd_exhaust.py', threat: 'descriptor exhaustion', expect: ['OK'], stdout: /contained: stopped at \d+ descriptors: Too many open files/ },
  { name: 'c-shm-fill', category: 'resources', lang: 'c', source: 'c/shm-fill.c', threat: 'fill /dev/shm (shared with the host in many sandboxes)', expect: ['OK'], stdout: /contained: \/dev\/shm full/, limits: { disk: 8 * MB, fileSize: 512 * MB } },
  { name: 'c-tmpfs-as-memory', category: 'resources', lang: 'c', source: 'c/tmpfs-memory.c', threat: 'workspace tmpfs (3 x 64 MiB) as memory beyond a 32 MiB limit', expect: ['MLE', 'OK'], limits: { memory: 32 * MB, disk: 64 * MB, fileSize: 64 * MB } },
  { name: 'c-memlock', category: 'resources', lang: 'c', source: 'c/memlock.c', threat: 'pin memory with mlock/mlockall', expect: ['OK'], stdout: /contained: mlock:[^\n]*\ncontained: mlockall/ },
  { name: 'c-stdout-nul-flood', category: 'resources', lang: 'c', source: 'c/stdout-nul.c', threat: 'stdout flood of NUL bytes and invalid UTF-8', expect: ['OLE'], limits: { output: 1 * MB } },
  { name: 'python-stderr-flood', category: 'resources', lang: 'python3', source: 'python/stderr_badutf8.py', threat: 'stderr flood of invalid UTF-8', expect: ['OLE'], limits: { output: 1 * MB } },
  { name: 'js-stdout-flood', category: 'resources', lang: 'javascript', source: 'js/stdout-flood.js', threat: 'stdout flood through Node streams', expect: ['OLE'], limits: { output: 1 * MB } },
  { name: 'bash-yes-flood', category: 'resources', lang: 'bash', source: 'bash/yes-flood.sh', threat: 'yes(1) flood', expect: ['OLE'], limits: { output: 1 * MB } },
  { name: 'cpp-stderr-thread-flood', category: 'resources', lang: 'cpp', source: 'cpp/exception-flood.cpp', threat: 'stderr flood from 4 threads at once', expect: ['OLE'], limits: { output: 1 * MB } },
  { name: 'c-ignore-huge-stdin', category: 'resources', lang: 'c', source: 'c/ignore-stdin.c', threat: '32 MiB of stdin never read (writer must not block)', expect: ['OK'], stdout: contained, stdinBytes: 32 * MB },
];
