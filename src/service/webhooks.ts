// Webhooks: POST the finished run to its callback URL, signed, retried with exponential backoff, every attempt recorded.
import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { RunRecord, Store } from '../store/types.js';
import type { Metrics } from './metrics.js';
import { guardedLookup, isPrivateAddress } from './ssrf.js';
import { isIP } from 'node:net';

/** Header names; docs/api.md shows how a receiver checks them. */
export const SIGNATURE_HEADER = 'x-airlock-signature';
export const TIMESTAMP_HEADER = 'x-airlock-timestamp';
export const DELIVERY_HEADER = 'x-airlock-delivery';

/** HMAC-SHA256 over "<timestamp>.<body>": the timestamp in the MAC stops replays of an old delivery. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The method and body a run's webhook is sent with. The API layers own the shapes (the native run view, Judge0's
 * submission PUT), so the node's wiring hands one in (src/compose.ts); the service only signs, sends and retries.
 */
export type WebhookFormat = (run: RunRecord) => Promise<{ method: string; body: string }>;

/** Sends and retries webhooks; only this process sends them, never a box. */
export class Webhooks {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly deps: { store: Store; secret: string; config: Config['webhooks']; log: Logger; metrics: Metrics; format: WebhookFormat }) {}

  /** Deliver a finished run's result (its webhook state is pending), starting after `attempt - 1` earlier tries. */
  schedule(runId: string, attempt = 1, delayMs = 0): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.attempt(runId, attempt).catch((e) => this.deps.log.error({ err: e, runId }, 'webhook delivery crashed'));
    }, delayMs);
    this.timers.add(timer);
  }

  /** Resume deliveries that a stop interrupted. */
  async resume(): Promise<number> {
    const runs = await this.deps.store.pendingWebhooks();
    for (const run of runs) this.schedule(run.id, (await this.deps.store.webhookAttempts(run.id)).length + 1);
    return runs.length;
  }

  /** Stop scheduling; pending deliveries stay pending in the store and resume at the next start. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async attempt(runId: string, attempt: number): Promise<void> {
    const { store, config, log, metrics } = this.deps;
    const run = await store.getRun(runId);
    if (!run || !run.callbackUrl || run.webhookState !== 'pending') return;
    const deliveryId = createHash('sha256').update(`delivery:${run.id}`).digest('hex').slice(0, 32);
    // A run started through a compatibility API is delivered in that API's shape (Judge0 PUTs its submission).
    const { method, body } = await this.deps.format(run);
    const started = Date.now();
    const outcome = await this.post(run, body, deliveryId, attempt, method);
    await store.addWebhookAttempt({ runId, deliveryId, attempt, at: started, statusCode: outcome.status ?? null, error: outcome.error ?? null, durationMs: Date.now() - started });
    const ok = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
    metrics.webhooks.inc({ outcome: ok ? 'delivered' : 'failed' });
    if (ok) return store.setWebhookState(runId, 'delivered');
    if (attempt >= config.maxAttempts) {
      log.warn({ runId, reqId: run.requestId, attempt }, 'webhook gave up');
      return store.setWebhookState(runId, 'failed');
    }
    const delay = config.initialDelay * 1000 * 2 ** (attempt - 1) * (0.9 + Math.random() * 0.2);
    log.info({ runId, reqId: run.requestId, attempt, status: outcome.status, error: outcome.error, retryInMs: Math.round(delay) }, 'webhook failed; retrying');
    this.schedule(runId, attempt + 1, delay);
  }

  private post(run: RunRecord, body: string, deliveryId: string, attempt: number, method: string): Promise<{ status?: number; error?: string }> {
    const { config, secret } = { config: this.deps.config, secret: this.deps.secret };
    const url = new URL(run.callbackUrl!);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // A literal address skips the lookup, so it is checked here (it was also checked when the run was accepted).
    if (!config.allowPrivate && isIP(host) && isPrivateAddress(host)) return Promise.resolve({ error: 'private address refused' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = send(
        url,
        {
          method,
          lookup: guardedLookup(config.allowPrivate) as never,
          timeout: config.timeout * 1000,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'airlock-webhook',
            [SIGNATURE_HEADER]: signature(secret, timestamp, body),
            [TIMESTAMP_HEADER]: timestamp,
            [DELIVERY_HEADER]: deliveryId,
            'x-airlock-attempt': String(attempt),
          },
        },
        (res) => {
          res.resume(); // the receiver's body does not matter; redirects are not followed
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
          res.on('error', (e) => resolve({ status: res.statusCode ?? 0, error: e.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${config.timeout} s`)));
      req.on('error', (e) => resolve({ error: e.message }));
      req.end(body);
    });
  }
}
