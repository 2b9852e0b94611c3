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
import { Gate } from '../judge/gate.js';

/** Header names; docs/api.md shows how a receiver checks them. */
export const SIGNATURE_HEADER = 'x-airlock-signature';
export const TIMESTAMP_HEADER = 'x-airlock-timestamp';
export const DELIVERY_HEADER = 'x-airlock-delivery';

/** HMAC-SHA256 over "<timestamp>.<body>": the timestamp in the MAC stops replays of an old delivery. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Bytes of a receiver's answer read at most; the status line and headers are all a delivery needs. */
export const RESPONSE_BYTES = 4096;

/**
 * The method and body a run's webhook is sent with. The API layers own the shapes (the native run view, Judge0's
 * submission PUT), so the node's wiring hands one in (src/compose.ts); the service only signs, sends and retries.
 */
export type WebhookFormat = (run: RunRecord) => Promise<{ method: string; body: string }>;

/** Sends and retries webhooks; only this process sends them, never a box. */
export class Webhooks {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** At most webhooks.maxConcurrent attempts in flight on this node; the others wait their turn in order. */
  private readonly gate: Gate;

  constructor(private readonly deps: { store: Store; secret: string; config: Config['webhooks']; log: Logger; metrics: Metrics; format: WebhookFormat }) {
    this.gate = new Gate(deps.config.maxConcurrent);
  }

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
    let started = Date.now();
    const outcome = await this.gate.run(() => {
      started = Date.now();
      return this.post(run, body, deliveryId, attempt, method);
    });
    await store.addWebhookAttempt({
      runId,
      deliveryId,
      attempt,
      at: started,
      statusCode: outcome.status ?? null,
      error: outcome.error ?? null,
      durationMs: Date.now() - started,
    });
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

  /**
   * One attempt: send the body and read the status. Threat: a receiver that never answers, or trickles its headers or
   * body a byte at a time, holding a socket (and a delivery place) for as long as it likes. One deadline covers the
   * whole attempt (lookup, connect, send, status, body), at most RESPONSE_BYTES of the answer are read, and then
   * the socket is dropped; no connection is kept or reused.
   */
  private post(run: RunRecord, body: string, deliveryId: string, attempt: number, method: string): Promise<{ status?: number; error?: string }> {
    const { config, secret } = { config: this.deps.config, secret: this.deps.secret };
    const url = new URL(run.callbackUrl!);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // A literal address skips the lookup, so it is checked here (it was also checked when the run was accepted).
    if (!config.allowPrivate && isIP(host) && isPrivateAddress(host)) return Promise.resolve({ error: 'private address refused' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const signal = AbortSignal.timeout(config.timeout * 1000);
    const late = `no complete answer within ${config.timeout} s`;
    return new Promise((resolve) => {
      let settled = false;
      let status: number | undefined;
      const finish = (outcome: { status?: number; error?: string }) => {
        if (settled) return;
        settled = true;
        resolve(outcome);
        req.destroy();
      };
      const req = send(
        url,
        {
          method,
          agent: false,
          signal,
          lookup: guardedLookup(config.allowPrivate) as never,
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
          // The status is the answer; redirects are not followed. Of the body, only enough to see it end.
          status = res.statusCode ?? 0;
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > RESPONSE_BYTES) finish({ status });
          });
          res.on('end', () => finish({ status }));
          res.on('error', () => finish({ status, error: signal.aborted ? `${late}: the answer's body was cut off` : 'the answer was cut off' }));
        },
      );
      req.on('error', (e) =>
        finish(status !== undefined ? { status, error: `${late}: the answer's body was cut off` } : { error: signal.aborted ? late : e.message }),
      );
      req.end(body);
    });
  }
}
