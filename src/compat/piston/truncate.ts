// Piston's per-stream output cap (its output_max_size): past it the stage is stopped and reported OL (stdout) or EL (stderr).

/** Piston's default output_max_size, in characters per stream. */
export const OUTPUT_MAX_SIZE = 1024;

/**
 * Box output cap (bytes, stdout and stderr together) that stops a runaway program soon after either stream passes
 * OUTPUT_MAX_SIZE characters: a character is at most 4 bytes, so past 8 × the cap one stream has passed it for sure.
 */
export const BOX_OUTPUT_BYTES = 8 * OUTPUT_MAX_SIZE + 8;

/** The fields truncation touches in Piston's stage object. */
interface Streams {
  stdout: string;
  stderr: string;
  output: string;
  code: number | null;
  signal: string | null;
  message: string | null;
  status: string | null;
}

/**
 * Piston keeps what came before the overflow, kills the stage, and reports status OL ("stdout length exceeded") or
 * EL ("stderr length exceeded") with signal SIGKILL. Piston drops the whole chunk that overflowed, so what it keeps
 * depends on how the program's writes were split; here exactly the first OUTPUT_MAX_SIZE characters are kept.
 */
export function truncateStage<S extends Streams>(s: S): S {
  const over = (t: string) => t.length > OUTPUT_MAX_SIZE;
  if (!over(s.stdout) && !over(s.stderr)) return s;
  const stdout = s.stdout.slice(0, OUTPUT_MAX_SIZE);
  const stderr = s.stderr.slice(0, OUTPUT_MAX_SIZE);
  const which = over(s.stdout) ? { status: 'OL', message: 'stdout length exceeded' } : { status: 'EL', message: 'stderr length exceeded' };
  return { ...s, stdout, stderr, output: stdout + stderr, code: null, signal: 'SIGKILL', ...which };
}
