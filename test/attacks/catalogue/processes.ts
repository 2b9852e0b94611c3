// Processes and signals: outliving the run, reaching other processes, terminals.
import type { Attack } from './types.js';

const nothingLeft = /daemoni[sz]ed|started|detached|spawned|left three/;

/** Each one tries to outlive its run or to touch a process that is not its own. */
export const processes: Attack[] = [
  { name: 'c-daemon', category: 'processes', lang: 'c', source: 'c/daemon.c', threat: 'double-fork daemon with signals ignored', expect: ['OK'], stdout: nothingLeft },
  { name: 'c-respawn-during-cleanup', category: 'processes', lang: 'c', source: 'c/respawn.c', threat: 'a family that respawns its members while being killed (Piston cleanup race)', expect: ['OK'], stdout: nothingLeft, limits: { processes: 32 } },
  { name: 'python-daemon', category: 'processes', lang: 'python3', source: 'python/daemon.py', threat: 'daemon from Python', expect: ['OK'], stdout: nothingLeft },
  { name: 'js-detached-child', category: 'processes', lang: 'javascript', source: 'js/detached.js', threat: 'detached, unreferenced child in its own session', expect: ['OK'], stdout: nothingLeft },
  { name: 'bash-nohup-disown', category: 'processes', lang: 'bash', source: 'bash/nohup.sh', threat: 'nohup, disown and setsid background jobs', expect: ['OK'], stdout: nothingLeft },
  { name: 'java-spawn-child', category: 'processes', lang: 'java', source: 'java/Spawn.java', threat: 'child process started from the JVM and abandoned', expect: ['OK'], stdout: nothingLeft },
  { name: 'c-kill-minus-one', category: 'processes', lang: 'c', source: 'c/kill-all.c', threat: 'kill(-1, SIGKILL) against a host process with the same uid', expect: ['OK'], stdout: /kill\(-1\) returned/, fixture: 'uid-sentinel' },
  { name: 'js-kill-minus-one', category: 'processes', lang: 'javascript', source: 'js/kill-minus-one.js', threat: 'process.kill(-1) from Node against a host process with the same uid', expect: ['OK'], stdout: /kill\(-1\)/, fixture: 'uid-sentinel' },
  { name: 'c-ptrace-attach', category: 'processes', lang: 'c', source: 'c/ptrace.c', threat: 'ptrace another process', expect: ['SV'], message: /ptrace/ },
  { name: 'c-pid-scan', category: 'processes', lang: 'c', source: 'c/pid-scan.c', threat: 'find other boxes and host processes with kill(pid, 0)', expect: ['OK'], stdout: /contained: [12] pids visible/ },
  { name: 'python-proc-others', category: 'processes', lang: 'python3', source: 'python/proc_others.py', threat: "read other processes' /proc entries (environ, cmdline, root)", expect: ['OK'], stdout: /contained: \/proc shows only this process/ },
  { name: 'c-tiocsti', category: 'processes', lang: 'c', source: 'c/tiocsti.c', threat: 'TIOCSTI keystroke injection into a terminal', expect: ['SV'] },
  { name: 'c-stop-self', category: 'processes', lang: 'c', source: 'c/stop-self.c', threat: 'stopped processes (SIGSTOP) that use no CPU and must still be killed', expect: ['TLE'], message: /wall time/, limits: { wallTime: 0.5 } },
  { name: 'c-rlimit-raise', category: 'processes', lang: 'c', source: 'c/rlimit-raise.c', threat: "raising its own hard limits or init's with prlimit", expect: ['OK'], stdout: /contained/ },
  { name: 'c-realtime-priority', category: 'processes', lang: 'c', source: 'c/realtime.c', threat: 'SCHED_FIFO and nice -20 to starve the host', expect: ['OK'], stdout: /contained/ },
  { name: 'c-inotify-host-activity', category: 'processes', lang: 'c', source: 'c/inotify-host.c', threat: 'inotify on the shared /usr and /etc binds: watching which programs the host and other boxes start', expect: ['OK'], stdout: /contained/, fixture: 'host-activity' },
  { name: 'c-dnotify-host-activity', category: 'processes', lang: 'c', source: 'c/dnotify-host.c', threat: 'dnotify (fcntl F_NOTIFY) on the shared /usr binds: the same watch through the older interface', expect: ['OK'], stdout: /contained: dnotify refused/, fixture: 'host-activity' },
  { name: 'c-proc-host-info', category: 'processes', lang: 'c', source: 'c/proc-host-info.c', threat: 'host-wide /proc files (cmdline, boot_id, cpuinfo, meminfo, loadavg, mountinfo)', expect: ['OK'], stdout: /exposed \(documented limitation\)/ },
];
