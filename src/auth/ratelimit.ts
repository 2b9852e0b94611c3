// Per-caller token buckets: `burst` requests at once, refilled at `ratePerSecond`.

/** In-memory buckets (one process); idle, full buckets are dropped so memory stays bounded. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Take one token; returns 0 when allowed, else the seconds until one is available. */
  take(group: string, ratePerSecond: number, burst: number, now = performance.now()): number {
    const b = this.buckets.get(group) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * ratePerSecond);
    b.at = now;
    this.buckets.set(group, b);
    if (this.buckets.size > 10_000) this.sweep(now, ratePerSecond, burst);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / ratePerSecond;
  }

  private sweep(now: number, ratePerSecond: number, burst: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * ratePerSecond >= burst) this.buckets.delete(k);
  }
}
