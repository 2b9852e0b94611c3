// Judging one observation against its catalogue entry: status, sentinels, and what must never show.
import type { Attack, Outcome } from './catalogue/types.js';

/** What one run of an attack did, as the report shows it. */
export interface Observation {
  status: Outcome;
  exitCode: number;
  signal: number;
  message: string;
  stdout: Buffer;
  stderr: Buffer;
  wallTime: number;
  /** Host-side findings; empty when the host is as it was. */
  host: string[];
}

/** Why the observation does not match the entry; empty when it does. */
export function mismatches(a: Attack, o: Observation, token: string, outputCap: number): string[] {
  const out: string[] = [];
  const stdout = o.stdout.toString('latin1');
  if (!a.expect.includes(o.status)) out.push(`status ${o.status} (${o.message}), expected ${a.expect.join(' or ')}`);
  if (a.stdout && !a.stdout.test(stdout)) out.push(`stdout does not match ${a.stdout}: ${JSON.stringify(stdout.slice(0, 400))}`);
  if (a.stdoutExact !== undefined && stdout !== a.stdoutExact)
    out.push(`stdout ${JSON.stringify(stdout.slice(0, 400))}, expected ${JSON.stringify(a.stdoutExact)}`);
  if (a.message && !a.message.test(o.message)) out.push(`message ${JSON.stringify(o.message)} does not match ${a.message}`);
  const escaped = /ESCAPED[^\n]*/.exec(stdout);
  if (escaped) out.push(`the program reports: ${escaped[0]}`);
  if (o.stdout.includes(token) || o.stderr.includes(token)) out.push('the host secret appeared in the output');
  if (o.stdout.length + o.stderr.length > outputCap * 2) out.push(`the service kept ${o.stdout.length + o.stderr.length} bytes of output, cap ${outputCap}`);
  return [...out, ...o.host];
}
