// Box limits: one record, in the units people think in (seconds, bytes).

/** Limits for one box; each holds for the sum of all its processes. */
export interface BoxLimits {
  /** CPU time in seconds, summed over every process and thread. */
  cpuTime: number;
  /** Wall-clock time in seconds. */
  wallTime: number;
  /** Memory in bytes (cgroup limit, swap off). */
  memory: number;
  /** Processes and threads together. */
  processes: number;
  /** Largest file the program may write, in bytes. */
  fileSize: number;
  /** tmpfs bytes for /box, /tmp and /dev/shm together. */
  disk: number;
  /** Files and directories in that tmpfs. */
  inodes: number;
  /** Open file descriptors per process. */
  openFiles: number;
  /** Stack size in bytes. */
  stack: number;
  /** stdout and stderr bytes together; more kills the box with OLE. */
  output: number;
}

const MB = 1024 * 1024;

/** Defaults for running a program: the seed's values where it gave one. */
export const defaultRunLimits: Readonly<BoxLimits> = Object.freeze({
  cpuTime: 5,
  wallTime: 10,
  memory: 256 * MB,
  processes: 64,
  fileSize: 10 * MB,
  disk: 64 * MB,
  inodes: 4096,
  openFiles: 256,
  stack: 64 * MB,
  output: 16 * MB,
});

/** Defaults for a compiler: more room, still bounded (template bombs, huge objects). */
export const defaultCompileLimits: Readonly<BoxLimits> = Object.freeze({
  cpuTime: 20,
  wallTime: 30,
  memory: 1024 * MB,
  processes: 64,
  fileSize: 128 * MB,
  disk: 256 * MB,
  inodes: 8192,
  openFiles: 256,
  stack: 64 * MB,
  output: 1 * MB,
});

/** Launcher flags for a set of limits. */
export function limitArgs(l: BoxLimits): string[] {
  const int = (v: number) => String(Math.max(1, Math.floor(v)));
  return [
    '--time', String(l.cpuTime),
    '--wall-time', String(l.wallTime),
    '--memory', int(l.memory),
    '--processes', int(l.processes),
    '--file-size', int(l.fileSize),
    '--disk', int(l.disk),
    '--inodes', int(l.inodes),
    '--open-files', int(l.openFiles),
    '--stack', int(l.stack),
    '--output', int(l.output),
  ];
}
