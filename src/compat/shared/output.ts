// A stored result's bytes, whatever encoding the result was written in.
import type { RunResult, Stage } from '../../contracts/result.js';
import { isUtf8 } from '../../service/text.js';

/** The bytes of a stage's stdout and stderr. */
export function stageBytes(stage: Stage, encoding: RunResult['encoding']): { stdout: Buffer; stderr: Buffer } {
  return { stdout: Buffer.from(stage.stdout, encoding), stderr: Buffer.from(stage.stderr, encoding) };
}

/** Text for APIs that carry only strings: valid UTF-8 as it is, anything else with U+FFFD where bytes are not UTF-8. */
export function lossyText(bytes: Buffer): string {
  return bytes.toString('utf8');
}

export { isUtf8 };
