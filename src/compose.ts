// A node put together: its service with the API layers' pieces plugged in, and its HTTP app with every API.
import type { FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './api/app.js';
import type { App, AppDeps } from './api/types.js';
import { toView } from './api/views/run.js';
import { callbackFormat } from './compat/callbacks.js';
import { registerCompat } from './compat/index.js';
import type { Config } from './config/schema.js';
import { assemble, type Parts, type Role } from './service/assemble.js';
import type { RunRecord } from './store/types.js';

/** A run's webhook: in the shape of the compatibility API that started it, else the native run view, POSTed. */
export async function webhookFormat(run: RunRecord): Promise<{ method: string; body: string }> {
  return (await callbackFormat(run)) ?? { method: 'POST', body: JSON.stringify(toView(run)) };
}

/** The service's parts for this node, with every API's webhook shape. */
export function assembleNode(config: Readonly<Config>, log: Logger, role?: Role): Promise<Parts> {
  return assemble(config, log, { webhookFormat }, role);
}

/** The HTTP app of a node: the native API, then Judge0, Piston and Jobe beside it. */
export function buildNodeApp(deps: AppDeps, options: FastifyServerOptions = {}): Promise<App> {
  return buildApp(deps, options, [registerCompat]);
}
