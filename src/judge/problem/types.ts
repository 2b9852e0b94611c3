// A problem as the judge sees it, after its package was read and checked.

/** A program the problem ships: checker, interactor, generator or reference solution. */
export interface ProgramRef {
  /** The main source, relative to the problem directory. */
  source: string;
  /** Language id (inferred from the extension when the package does not say). */
  language: string;
  /** More files compiled with it, e.g. testlib.h, relative to the problem directory. */
  files: string[];
  /** How it is called and what its exit code means: testlib's (the default), or an ICPC output validator's (exit 42/43, a feedback directory). */
  protocol?: 'testlib' | 'icpc';
}

/** How outputs are judged: a built-in comparison or a program following testlib's conventions. */
export type CheckerSpec =
  | { type: 'exact' }
  | { type: 'lines' }
  | { type: 'unordered' }
  | { type: 'tokens'; ignoreCase?: boolean }
  | { type: 'floats'; absolute?: number; relative?: number }
  | { type: 'icpc-diff'; caseSensitive?: boolean; spaceSensitive?: boolean; absolute?: number; relative?: number }
  | { type: 'program'; program: ProgramRef };

/** Limits for one run of the solution, in seconds and bytes. */
export interface TestLimits {
  /** CPU seconds (before the language's time factor). */
  time: number;
  wallTime: number;
  memory: number;
  output: number;
  /** Processes and largest file written: set by tests sent with a run (packages leave the engine's defaults). */
  processes?: number;
  fileSize?: number;
}

/** One test: an input, and the expected answer unless an interactor or reference solution supplies it. */
export interface TestCase {
  name: string;
  /** Absolute path of the input file (for generated tests: set once generated). */
  input: string;
  /** Absolute path of the answer file, when there is one. */
  answer?: string;
  limits: TestLimits;
  /** Weight inside an "each" group; equal shares when absent. */
  points?: number;
  /** Generator arguments when the input is produced by the generator. */
  generate?: string[];
  /** No answer to check against (a test sent with a run without "output"): the run alone decides. */
  unchecked?: boolean;
  /** A comparison for this test alone, when its ICPC group sets its own validator flags. */
  checker?: CheckerSpec;
  /** Arguments after the feedback directory for an ICPC output validator (validator_flags, then the group's). */
  validatorFlags?: string[];
  /** ICPC `validation: custom score`: the most a test earns (its group's accept_score); score.txt is read against it. */
  acceptScore?: number;
}

/** A subtask: its points, how they are earned, and the groups that must pass first. */
export interface Group {
  name: string;
  points: number;
  /** "all": the points need every test (stop at the first failure); "each": a share per passed test. */
  scoring: 'all' | 'each';
  /** Test names, in run order. */
  tests: string[];
  dependencies: string[];
  /** Stop at the first failure; by default "all" groups stop and "each" groups run every test (ICPC's on_reject sets it). */
  stopAtFailure?: boolean;
}

/** A whole problem, ready to be prepared and judged. */
export interface Problem {
  /** The package directory (absolute). */
  dir: string;
  name: string;
  /** The statement, Markdown. */
  statement: string;
  /** The default limits (tests may differ). */
  limits: TestLimits;
  checker: CheckerSpec;
  interactor?: ProgramRef;
  /** Produces inputs of tests that have `generate`. */
  generator?: ProgramRef;
  /** Reference solution: produces answers the package does not ship. */
  solution?: ProgramRef;
  tests: TestCase[];
  groups: Group[];
  /** Multipliers on time limits per language id, on top of the language's own factor. */
  timeFactors: Record<string, number>;
  /** Record the dialogue of interactive tests. */
  transcript: boolean;
  /** Every test's input and answer may be shown to solvers, not only the samples' (problem.json "publicTests"). */
  publicTests?: boolean;
  /** Where the package came from. */
  format: 'airlock' | 'polygon' | 'icpc';
}
