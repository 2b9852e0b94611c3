// What every test of one judgement shares.
import type { Engine, Program } from '../engine/execute.js';
import type { PreparedProblem } from './prepare.js';

/** One submission being judged against one prepared problem. */
export interface JudgeContext {
  engine: Engine;
  prepared: PreparedProblem;
  /** The compiled submission. */
  program: Program;
  signal: AbortSignal | undefined;
  /** Unique per judgement: names its scratch files, since a prepared problem serves many at once. */
  id: string;
  /** Bytes of stdout and stderr kept in each test result. */
  excerptBytes: number;
  /** The solution's command-line arguments. */
  args: string[];
}
