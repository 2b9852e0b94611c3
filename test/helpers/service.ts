// Helpers for service tests: a whole service (store, queue, engine) on a temporary data directory and test slots.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp } from '../../src/api/app.js';
import type { App } from '../../src/api/types.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import type { Check } from '../../src/sandbox/doctor.js';
import { assemble, type Parts } from '../../src/service/assemble.js';
import { testSlot } from './box.js';

/** A configuration for tests: temp data dir, the given test slots, silent logs, loopback webhooks allowed. */
export function testConfig(slot: number, flags: Record<string, unknown> = {}, dataDir = mkdtempSync(join(tmpdir(), 'airlock-svc-'))): Readonly<Config> {
  return loadConfig({ flags: { dataDir, slotBase: testSlot(slot), slots: 2, logLevel: 'silent', 'webhooks.allowPrivate': true, port: 0, ...flags } });
}

/** A doctor that always passes: the real one builds a box per minute, which tests do not need. */
export const passingDoctor = async (): Promise<Check[]> => [{ name: 'box', ok: true, detail: 'test' }];

/** An app over a fresh service; close() stops both. */
export async function testApp(slot: number, flags: Record<string, unknown> = {}): Promise<{ app: App; parts: Parts; config: Readonly<Config>; close(): Promise<void> }> {
  const config = testConfig(slot, flags);
  const log = pino({ level: 'silent' });
  const parts = await assemble(config, log);
  const app = await buildApp({ config, service: parts.service, store: parts.store, queue: parts.queue, metrics: parts.metrics, judging: parts, doctor: passingDoctor }, { loggerInstance: log });
  return {
    app,
    parts,
    config,
    async close() {
      await parts.service.shutdown(1000);
      await app.close();
      await parts.close();
    },
  };
}

/** A Python program as a run request body. */
export const py = (source: string, extra: Record<string, unknown> = {}) => ({ language: 'python3', source, ...extra });
