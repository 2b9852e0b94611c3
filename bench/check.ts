// Every benchmark checks every sample before it times it: a timing of a run that failed (an IE record, a wrong
// answer, a 429) measures nothing, and a figure that beats physics is a bug in the benchmark, not a win.

/** A sample that is not what the benchmark meant to time, or a figure that cannot be true: the run stops. */
export class BadSample extends Error {
  override name = 'BadSample';
}

/** What a benchmark expects of one run. */
export interface Expected {
  /** Exact stdout; undefined: not checked (the caller checks the output itself). */
  stdout?: string;
  /** The result status (a box's status, a verdict); default OK. */
  status?: string;
}

/** What one run gave. */
export interface Got {
  status: string;
  exitCode?: number | null;
  stdout?: string;
  message?: string;
}

/** Refuse a run that did not end OK with exit code 0 and the expected output. `label` names the sample. */
export function checkSample(label: string, got: Got, want: Expected = {}): void {
  const status = want.status ?? 'OK';
  const why =
    got.status !== status
      ? `status ${got.status}, expected ${status}`
      : got.exitCode !== undefined && got.exitCode !== null && got.exitCode !== 0
        ? `exit code ${got.exitCode}`
        : want.stdout !== undefined && got.stdout !== want.stdout
          ? `stdout ${JSON.stringify(clip(got.stdout ?? ''))}, expected ${JSON.stringify(clip(want.stdout))}`
          : undefined;
  if (why) throw new BadSample(`${label}: ${why}${got.message ? ` (${got.message})` : ''}`);
}

/** Refuse an HTTP answer that is not the expected status code. */
export function checkHttp(label: string, statusCode: number | undefined, body: string, want = 200): void {
  if (statusCode !== want) throw new BadSample(`${label}: HTTP ${statusCode}, expected ${want}: ${clip(body)}`);
}

/** A boxed run takes at least as long as the same program bare: a box median under the bare one is a benchmark bug. */
export function checkNotFasterThanBare(label: string, boxMs: number, bareMs: number): void {
  if (!(boxMs >= bareMs))
    throw new BadSample(
      `${label}: ${boxMs.toFixed(3)} ms is faster than bare fork+exec of the same program (${bareMs.toFixed(3)} ms, same run): the benchmark is not timing what it says`,
    );
}

/**
 * A rate can exceed what its baseline physically allows only if the benchmark is wrong: the service runs the same
 * program as the baseline plus a box. `slack` allows for noise (0.05: 5 % over the baseline).
 */
export function checkRatePossible(label: string, rate: number, maxRate: number, slack = 0.05): void {
  if (!(rate <= maxRate * (1 + slack)))
    throw new BadSample(`${label}: ${rate.toFixed(1)}/s is above its baseline's maximum (${maxRate.toFixed(1)}/s): the benchmark is not timing what it says`);
}

/**
 * A bound computed from CPU counted in the same run (the most a ratio could reach, or the least) must hold for the
 * ratio measured beside it: one past its own bound means the CPU counts are not what they say.
 */
export function checkWithinBound(label: string, measured: number, bound: number, kind: 'ceiling' | 'floor', slack = 0.05): void {
  checkMeasured(`${label} (its ${kind})`, bound);
  const holds = kind === 'ceiling' ? measured <= bound * (1 + slack) : measured >= bound * (1 - slack);
  if (!holds)
    throw new BadSample(
      `${label}: ${measured.toFixed(2)}x is ${kind === 'ceiling' ? 'above' : 'below'} its ${kind} of ${bound.toFixed(2)}x from the CPU counted in the same run: the benchmark is not measuring what it says`,
    );
}

/** Refuse a number that is not a finite positive measurement (NaN from an empty sample list, 0 from a skipped run). */
export function checkMeasured(label: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) throw new BadSample(`${label}: ${x} is not a measurement (no samples?)`);
}

function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 300)}...` : s;
}
