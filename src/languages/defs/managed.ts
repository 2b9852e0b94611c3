// Languages on a managed runtime (JVM, Mono): heap caps derived from the memory limit.
import type { Language } from '../types.js';

/**
 * JVM flags for a box: the heap cap sits below the cgroup limit ({heap_mb} is 3/4 of it),
 * so a heap hog usually meets OutOfMemoryError first (reported as MLE through
 * `outOfMemory`); when native memory runs out first, the cgroup OOM is MLE as well.
 * The JVM cannot see the cgroup (no /sys in the box), so without -Xmx it would size
 * its heap from the host's memory. Serial GC: one GC thread, smallest footprint.
 * No perf data: it would write /tmp/hsperfdata_*, a file nobody reads.
 */
const jvm = ['-Xmx{heap_mb}m', '-Xss64m', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-XX:TieredStopAtLevel=1'];
const jvmOut = ['java\\.lang\\.OutOfMemoryError'];
/** The JVM's compiler threads and the OS threads it keeps. */
const jvmLimits = { processes: 128 };

/** JVM and .NET languages. */
export const managed: Language[] = [
  {
    id: 'java',
    name: 'Java (OpenJDK)',
    extensions: ['.java'],
    source: 'Main.java',
    // javac insists that a public class Foo lives in Foo.java.
    sourceFrom: { pattern: '\\bpublic\\s+(?:(?:final|abstract|strictfp)\\s+)*(?:class|interface|enum|record)\\s+([A-Za-z_$][A-Za-z0-9_$]*)', name: '$1.java' },
    compile: [
      'javac',
      '-J-Xmx{heap_mb}m',
      '-J-XX:+UseSerialGC',
      '-J-XX:-UsePerfData',
      '-J-XX:TieredStopAtLevel=1',
      '-encoding',
      'UTF-8',
      '{options}',
      '{source}',
    ],
    run: ['java', ...jvm, '-cp', '.', '{stem}'],
    version: ['javac', '-version'],
    packages: ['openjdk-17-jdk-headless'],
    tools: ['javac', 'java'],
    etc: ['java-17-openjdk'],
    compileLimits: jvmLimits,
    runLimits: jvmLimits,
    timeFactor: 2,
    outOfMemory: jvmOut,
  },
  {
    id: 'kotlin',
    name: 'Kotlin (JVM)',
    extensions: ['.kt'],
    source: 'main.kt',
    compile: ['kotlinc', '-nowarn', '{options}', '{sources}', '-include-runtime', '-d', 'main.jar'],
    run: ['java', ...jvm, '-jar', 'main.jar'],
    version: ['kotlinc', '-version'],
    packages: ['kotlin', 'openjdk-17-jdk-headless'],
    tools: ['kotlinc', 'java'],
    etc: ['java-17-openjdk'],
    compileEnv: { JAVA_OPTS: '-Xmx{heap_mb}m -XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1' },
    compileLimits: { ...jvmLimits, cpuTime: 60, wallTime: 90 },
    runLimits: jvmLimits,
    timeFactor: 2,
    outOfMemory: jvmOut,
  },
  {
    id: 'scala',
    name: 'Scala',
    extensions: ['.scala'],
    source: 'main.scala',
    compile: ['scalac', '-nowarn', '-d', '.', '{options}', '{sources}'],
    run: ['java', ...jvm, '-cp', '/usr/share/scala-2.11/lib/scala-library.jar:.', 'Main'],
    version: ['scalac', '-version'],
    packages: ['scala', 'openjdk-17-jdk-headless'],
    tools: ['scalac', 'java'],
    etc: ['java-17-openjdk'],
    compileEnv: { JAVA_OPTS: '-Xmx{heap_mb}m -Xss16m -XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1' },
    compileLimits: { ...jvmLimits, cpuTime: 60, wallTime: 90 },
    runLimits: jvmLimits,
    timeFactor: 2,
    outOfMemory: jvmOut,
  },
  {
    id: 'csharp',
    name: 'C# (Mono)',
    extensions: ['.cs'],
    source: 'main.cs',
    compile: ['mcs', '-optimize+', '{options}', '-out:main.exe', '{sources}'],
    run: ['mono', 'main.exe'],
    version: ['mcs', '--version'],
    packages: ['mono-mcs'],
    tools: ['mcs', 'mono'],
    etc: ['mono'],
    // No gdb on a crash: the crash reporter would ptrace (SV). No max-heap-size: SGen asserts when it hits it; the cgroup gives MLE.
    env: { MONO_DEBUG: 'no-gdb-backtrace' },
    compileLimits: jvmLimits,
    runLimits: jvmLimits,
    outOfMemory: ['System\\.OutOfMemoryException'],
  },
];
