// What the app factory needs from the process: everything is passed in, nothing is global.
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config/schema.js';
import type { JobQueue } from '../queue/types.js';
import type { Check } from '../sandbox/doctor.js';
import type { Metrics } from '../service/metrics.js';
import type { RunService } from '../service/runs.js';
import type { Store } from '../store/types.js';
import type { Parts } from '../service/assemble.js';

/** The parts an app is built from. */
export interface AppDeps {
  config: Readonly<Config>;
  service: RunService;
  store: Store;
  queue: JobQueue;
  metrics: Metrics;
  /** Problems, submissions and their event streams. */
  judging: Judging;
  /** Host checks for /v1/health (the sandbox doctor); cached by the app. */
  doctor: () => Promise<Check[]>;
}

/** The judging parts of the service (src/service/assemble.ts builds them). */
export type Judging = Pick<Parts, 'problems' | 'submissions' | 'problemStore' | 'bus'>;

/** The Fastify instance with TypeBox types on its routes. */
export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;
