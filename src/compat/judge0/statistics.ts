// Judge0's GET /statistics: submissions per day over the last 30 days, in Judge0's shape, for the caller's own runs.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../api/types.js';

const DAY = 86_400_000;

/** A date as Judge0's keys show it ("2026-12-02"). */
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Register the route. Judge0 counts every submission of the server (it has one tenant); airlock has many, so the
 * counts are the caller's own (their key, or the anonymous callers together), and the per-language and per-status
 * breakdowns, which the store does not keep per key, are empty lists. The database size is the stored results'.
 */
export function statisticsRoutes(scope: FastifyInstance, deps: AppDeps): void {
  scope.get('/statistics', { schema: { tags: ['judge0'], summary: 'Judge0: submission counts' } }, async (req) => {
    const now = Date.now();
    const today = Math.floor(now / DAY) * DAY;
    const who = req.principal.keyId;
    // Runs since the start of each of the last 31 days; a day's count is the difference of two neighbours.
    const since = await Promise.all(Array.from({ length: 31 }, (_, i) => deps.store.countRuns(who, today - i * DAY)));
    const last30: Record<string, number> = {};
    for (let i = 1; i <= 30; i++) last30[isoDay(today - i * DAY)] = since[i]! - since[i - 1]!;
    const bytes = await deps.store.storedBytes();
    return {
      created_at: new Date(now).toISOString(),
      cached_until: new Date(now).toISOString(),
      submissions: { total: await deps.store.countRuns(who, 0), today: since[0], last_30_days: last30 },
      languages: [],
      statuses: [],
      database: { size_pretty: `${Math.round(bytes / 1024)} kB`, size_in_bytes: bytes },
    };
  });
}
