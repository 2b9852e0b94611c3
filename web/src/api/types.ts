// The shapes the page reads from the API (docs/api.md); only the fields it uses.

/** A box status (runs) or a verdict (judging). */
export type Status = 'OK' | 'RE' | 'TLE' | 'MLE' | 'OLE' | 'SV' | 'IE' | 'CE' | 'AC' | 'WA' | 'SKIPPED';

/** GET /v1/languages, one entry. */
export interface Language {
  id: string;
  name: string;
  version: string | null;
  installed: boolean;
  compiled: boolean;
  extensions: string[];
}

/** One stage of a run: compile or run. */
export interface Stage {
  status: Status;
  exitCode: number;
  signal: number;
  stdout: string;
  stderr: string;
  cpuTime: number;
  wallTime: number;
  memory: number;
  message: string;
}

/** A finished run's result. */
export interface RunResult extends Stage {
  encoding: 'utf8' | 'base64';
  compile: Stage | null;
  /** A judged run's tests (null for a plain run) and overall verdict. */
  tests?: TestResult[] | null;
  verdict?: Status | null;
  /** Set by the page when it decoded base64 output (not valid UTF-8) with replacement characters. */
  lossy?: boolean;
}

/** A run as GET /v1/runs/:id shows it. */
export interface Run {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  language: string;
  result: RunResult | null;
  error: { code?: string; message?: string } | string | null;
}

/** The body of POST /v1/runs (and the stream's start message). */
export interface RunRequest {
  language: string;
  source: string;
  stdin?: string;
  args?: string[];
  limits?: { cpuTime?: number; wallTime?: number; memory?: number };
  /** Judge the run on these tests instead of one stdin (docs/api.md, "Judging: tests with a run"). */
  tests?: Array<{ name?: string; input: string; output?: string }>;
  checker?: { type: 'exact' | 'lines' | 'tokens' };
}

/** GET /v1/problems, one entry. */
export interface ProblemSummary {
  id: string;
  name: string;
  title?: string;
  revision?: number;
  limits?: ProblemLimits;
  tests?: number | unknown[];
  points?: number;
}

/** A problem's limits (seconds, MiB as in problem.json, or bytes: shown as given). */
export interface ProblemLimits {
  time?: number;
  memory?: number;
  [k: string]: unknown;
}

/** GET /v1/problems/:id. */
export interface Problem extends ProblemSummary {
  statement: string;
  samples: Array<{ name: string; input: string; output: string }>;
  /** Every test's input and answer (their start), when the package makes its tests public. */
  publicTests?: Array<{ name: string; input: string; output: string }>;
  groups?: Array<{ name: string; points: number }>;
  interactive?: boolean;
  /** "tokens", "floats", ... or "program" (the package's own checker). */
  checker?: string;
}

/** One judged test. */
export interface TestResult {
  name: string;
  group?: string;
  verdict: Status;
  reason?: string;
  message?: string;
  /** The checker's own message, and the start of the program's output. */
  checker?: string;
  stdout?: string;
  output?: string;
  stderr?: string;
  score: number;
  points?: number;
  cpuTime: number;
  wallTime: number;
  memory: number;
}

/** One judged group. */
export interface GroupResult {
  name: string;
  points: number;
  score: number;
  verdict: Status;
  reason?: string;
}

/** What compiling a submission reported. */
export interface CompileInfo {
  status: string;
  message?: string;
  output?: string;
  stdout?: string;
  stderr?: string;
}

/** GET /v1/submissions/:id. */
export interface Submission {
  id: string;
  problem: string;
  language: string;
  state: Run['state'];
  verdict: Status | null;
  score: number | null;
  maxScore: number | null;
  /** Why, in words (the first failing test and its reason). */
  reason?: string;
  compile: CompileInfo | null;
  tests: TestResult[];
  groups: GroupResult[];
  error?: Run['error'];
}
