// GET /v1/health (liveness and readiness with the sandbox doctor) and GET /metrics (Prometheus).
import { Type as T } from '@sinclair/typebox';
import type { Check } from '../../sandbox/doctor.js';
import type { App, AppDeps } from '../types.js';

const HealthSchema = T.Object({
  status: T.Union([T.Literal('ok'), T.Literal('unavailable')]),
  live: T.Boolean(),
  ready: T.Boolean({ description: 'accepting runs: not shutting down, and the host can build boxes' }),
  queue: T.Object({ waiting: T.Integer(), running: T.Integer(), maxLength: T.Integer(), concurrency: T.Integer() }),
  checks: T.Array(T.Object({ name: T.String(), ok: T.Boolean(), detail: T.String(), fix: T.Optional(T.String()) })),
});

/** The doctor builds a real box: run it at most once a minute. */
const DOCTOR_TTL_MS = 60_000;

/** Register health and metrics. */
export function healthRoutes(app: App, { service, queue, metrics, doctor, config }: AppDeps): void {
  let cached: { at: number; checks: Promise<Check[]> } | undefined;
  const checks = () => {
    if (!cached || Date.now() - cached.at > DOCTOR_TTL_MS)
      cached = { at: Date.now(), checks: doctor().catch((e) => [{ name: 'doctor', ok: false, detail: String(e) }]) };
    return cached.checks;
  };
  app.get(
    '/v1/health',
    {
      schema: { summary: 'Liveness and readiness; 503 when not ready', tags: ['health'], response: { 200: HealthSchema, 503: HealthSchema } },
    },
    async (_req, reply) => {
      const list = await checks();
      const hostOk = list.every((c) => c.ok || c.name === 'user namespaces');
      const ready = service.ready && hostOk;
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', live: true, ready, queue: await queue.stats(), checks: list });
    },
  );
  if (config.metrics) {
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  }
}
