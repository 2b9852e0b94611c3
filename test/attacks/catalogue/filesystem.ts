// The filesystem: host secrets, writes outside the workspace, links and special files planted for the service.
import type { Attack } from './types.js';

const contained = /contained/;

/** Each one reads or writes where it must not, or leaves a trap for the service's later reads. */
export const filesystem: Attack[] = [
  { name: 'c-host-secrets', category: 'filesystem', lang: 'c', source: 'c/host-secrets.c', threat: "host secrets: shadow, keys, the service's state, /proc/1, /sys, devices", expect: ['OK'], stdout: contained, args: ['{secret}'] },
  { name: 'python-host-secrets', category: 'filesystem', lang: 'python3', source: 'python/host_secrets.py', threat: 'host secrets and environment, by globbing', expect: ['OK'], stdout: contained, args: ['{secret}'] },
  { name: 'js-host-secrets', category: 'filesystem', lang: 'javascript', source: 'js/host-secrets.js', threat: 'host secrets and environment from Node', expect: ['OK'], stdout: contained, args: ['{secret}'] },
  { name: 'java-host-secrets', category: 'filesystem', lang: 'java', source: 'java/Secrets.java', threat: 'host secrets, environment and processes from the JVM', expect: ['OK'], stdout: contained, args: ['{secret}'] },
  { name: 'bash-host-secrets', category: 'filesystem', lang: 'bash', source: 'bash/secrets.sh', threat: 'host secrets and environment from the shell', expect: ['OK'], stdout: contained, args: ['{secret}'] },
  { name: 'c-write-outside', category: 'filesystem', lang: 'c', source: 'c/write-outside.c', threat: 'writes to /, /usr, /etc, /proc knobs, the given program; sethostname', expect: ['OK'], stdout: contained },
  { name: 'bash-write-outside', category: 'filesystem', lang: 'bash', source: 'bash/write-outside.sh', threat: 'writes outside the workspace from the shell', expect: ['OK'], stdout: contained },
  { name: 'c-symlink-copy-out', category: 'filesystem', lang: 'c', source: 'c/symlink-copyout.c', threat: 'symlinks to host secrets where the service copies results (Judge0 CVE-2024-28185/28189)', expect: ['OK'], stdout: /planted/, args: ['{secret}'], copyOut: true },
  { name: 'c-hardlink-copy-out', category: 'filesystem', lang: 'c', source: 'c/hardlink-copyout.c', threat: 'hardlinks to host files where the service copies results', expect: ['OK'], stdout: contained, args: ['{secret}'], copyOut: true },
  { name: 'c-fifo-copy-out', category: 'filesystem', lang: 'c', source: 'c/fifo-copyout.c', threat: 'a FIFO and a socket as output files (a reader would block)', expect: ['OK'], stdout: /left a FIFO/, copyOut: true },
  { name: 'c-mknod', category: 'filesystem', lang: 'c', source: 'c/mknod.c', threat: 'device nodes (/dev/mem, a disk) made in the workspace', expect: ['OK'], stdout: contained },
  { name: 'c-setuid-file', category: 'filesystem', lang: 'c', source: 'c/setuid.c', threat: 'a setuid binary made in the workspace, run, and copied out', expect: ['OK'], stdout: /contained: setuid bit ignored/, copyOut: true },
  { name: 'c-fd-leak', category: 'filesystem', lang: 'c', source: 'c/fd-leak.c', threat: "descriptors inherited from the service or the launcher", expect: ['OK'], stdout: /contained: only fds 0-2/ },
];
