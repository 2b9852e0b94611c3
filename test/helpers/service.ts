// Helpers for service tests: a whole service (store, queue, engine) on a temporary data directory and test slots.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { App } from '../../src/api/types.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import type { Check } from '../../src/sandbox/doctor.js';
import { assembleNode as assemble, buildNodeApp as buildApp } from '../../src/compose.js';
import type { Parts } from '../../src/service/assemble.js';
import { testSlot } from './box.js';
import { clusterSettings } from './cluster.js';

/** A configuration for tests: temp data dir, the given test slots, silent logs, loopback webhooks allowed. */
export function testConfig(slot: number, flags: Record<string, unknown> = {}, dataDir = mkdtempSync(join(tmpdir(), 'airlock-svc-'))): Readonly<Config> {
  return loadConfig({ flags: { dataDir, slotBase: testSlot(slot), slots: 2, logLevel: 'silent', 'webhooks.allowPrivate': true, port: 0, ...flags } });
}

/** A doctor that always passes: the real one builds a box per minute, which tests do not need. */
export const passingDoctor = async (): Promise<Check[]> => [{ name: 'box', ok: true, detail: 'test' }];

/**
 * The cluster of each data directory: a test that restarts a service on the same data directory finds the same
 * database and queue. They are left in place; the scale-out pass of scripts/test.mjs removes them all at its end.
 */
const clusters = new Map<string, Awaited<ReturnType<typeof clusterSettings>>>();

async function clusterFor(dataDir: string): Promise<Awaited<ReturnType<typeof clusterSettings>>> {
  let c = clusters.get(dataDir);
  if (!c) clusters.set(dataDir, (c = await clusterSettings()));
  return c;
}

/** Whether this test run is the scale-out pass: every testApp is an API node and a worker over Redis and PostgreSQL. */
export const clusterMode = process.env.AIRLOCK_TEST_CLUSTER === '1';

/**
 * An app over a fresh service; close() stops both. In the scale-out pass (AIRLOCK_TEST_CLUSTER=1) the same tests
 * run against a cluster: an API node and a worker (in this process) sharing a new PostgreSQL database and Redis queue.
 */
export async function testApp(
  slot: number,
  flags: Record<string, unknown> = {},
): Promise<{ app: App; parts: Parts; config: Readonly<Config>; /** The worker's parts in the scale-out pass. */ worker?: Parts; close(): Promise<void> }> {
  const dataDir = (flags.dataDir as string | undefined) ?? mkdtempSync(join(tmpdir(), 'airlock-svc-'));
  const cluster = clusterMode ? await clusterFor(dataDir) : undefined;
  const config = testConfig(slot, { ...cluster?.flags, ...flags, dataDir });
  const log = pino({ level: 'silent' });
  const parts = await assemble(config, log);
  // The worker has a data directory of its own, as on another machine: problem packages reach it through the store.
  const worker = cluster
    ? await assemble(testConfig(slot, { ...cluster.flags, ...flags, dataDir: mkdtempSync(join(tmpdir(), 'airlock-worker-')) }), log, 'worker')
    : undefined;
  const app = await buildApp(
    { config, service: parts.service, store: parts.store, queue: parts.queue, metrics: parts.metrics, judging: parts, doctor: passingDoctor },
    { loggerInstance: log },
  );
  return {
    app,
    parts,
    config,
    ...(worker ? { worker } : {}),
    async close() {
      await parts.service.shutdown(1000);
      await worker?.service.shutdown(1000);
      await app.close();
      await parts.close();
      await worker?.close();
    },
  };
}

/** A Python program as a run request body. */
export const py = (source: string, extra: Record<string, unknown> = {}) => ({ language: 'python3', source, ...extra });
