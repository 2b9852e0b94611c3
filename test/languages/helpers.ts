// Shared bits of the language tests: an engine on the languages' test slots, samples as requests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineConfig, type ExecuteRequest } from '../../src/engine/execute.js';
import type { Sample } from '../../src/languages/samples.js';
import type { Language } from '../../src/languages/types.js';
import { SlotPool } from '../../src/sandbox/slots.js';
import { testSlot } from '../helpers/box.js';

/** An engine with `count` slots from languages slot `first` (200-299), a private work dir and optional extras. */
export function engineOn(first: number, count = 1, extra: Partial<EngineConfig> = {}): { engine: Engine; dir: string; slot: number } {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-lang-'));
  const slot = testSlot(first);
  return { engine: new Engine({ workDir: join(dir, 'work'), slots: new SlotPool(count, slot), ...extra }), dir, slot };
}

/** The stdin the echo sample gets. */
export const echoInput = 'line one\nline two\n';

/** A request that runs one sample with limits suited to its kind. */
export function sampleRequest(lang: Language, s: Sample): ExecuteRequest {
  const files = [{ name: s.name, content: s.content }];
  if (s.kind === 'loop') return { language: lang.id, files, limits: { cpuTime: 1, wallTime: 4 } };
  if (s.kind === 'hog') return { language: lang.id, files, limits: { cpuTime: 4, wallTime: 8 } };
  if (s.kind === 'bomb') return { language: lang.id, files, limits: { cpuTime: 2, wallTime: 4 } };
  return { language: lang.id, files, stdin: echoInput };
}

/** A file list from name/text pairs. */
export function files(...pairs: [string, string][]) {
  return pairs.map(([name, text]) => ({ name, content: Buffer.from(text) }));
}
