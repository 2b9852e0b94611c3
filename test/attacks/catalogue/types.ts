// The shape of one catalogue entry: a hostile program, the threat it demonstrates, and what must happen.
import type { BoxLimits } from '../../../src/sandbox/limits.js';
import type { BoxStatus } from '../../../src/sandbox/result.js';

/** Languages the catalogue is written in. */
export type AttackLang = 'c' | 'cpp' | 'python3' | 'javascript' | 'java' | 'bash';

/** Sections of docs/security.md's table. */
export type Category = 'resources' | 'processes' | 'filesystem' | 'leaks' | 'network' | 'kernel' | 'compile' | 'injection';

/** What a run may end with: a box status, CE from the engine, or the request refused before any box (4xx). */
export type Outcome = BoxStatus | 'CE' | 'REJECTED';

/** Host-side fixtures an attack aims at; the runner sets them up and checks they were not reached. */
export type Fixture = 'uid-sentinel' | 'host-activity';

/** One hostile program. Sources live in test/attacks/programs/; they print "ESCAPED ..." if the attack worked. */
export interface Attack {
  /** Stable id, kebab-case: the test name and the table's row. */
  name: string;
  category: Category;
  lang: AttackLang;
  /** Path under test/attacks/programs/. */
  source: string;
  /** The threat it demonstrates, in words (the table's first column). */
  threat: string;
  /** Acceptable outcomes. */
  expect: Outcome[];
  /** A sentinel stdout must match, e.g. /contained/: proof the program got to the check. */
  stdout?: RegExp;
  /** A sentinel the run's message must match (e.g. which syscall, which limit). */
  message?: RegExp;
  limits?: Partial<BoxLimits>;
  /** argv after the program; {tcp}, {udp}, {unix}, {abstract} and {secret} name the host fixtures. */
  args?: string[];
  /** Bytes fed as stdin (the program may ignore them). */
  stdinBytes?: number;
  /** Run with --copy-out into a fresh host directory, then check it holds only plain, unprivileged files. */
  copyOut?: boolean;
  fixture?: Fixture;
  /** Through the engine (sandboxed compile, then run) with these request fields. */
  engine?: {
    compileOptions?: string[];
    args?: string[];
    compileLimits?: Partial<BoxLimits>;
    /** Extra or renamed files (path traversal attempts); the source is the first file unless given. */
    fileNames?: string[];
  };
  /** Expected stdout, exactly (argument injection must reach the program verbatim). */
  stdoutExact?: string;
  /** Run with a pty of the box's own as stdio (the launcher's --tty, as interactive runs have). */
  tty?: boolean;
  /** Set when the attack is not contained today: the test is marked todo with this reason. */
  todo?: string;
}
