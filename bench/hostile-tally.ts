// The hostile soak's count of what it saw: HTTP statuses and stable codes per kind of request, and each of the
// outcomes that must never happen (a 5xx, an internal error, a transport failure, an answer that is not the one due).

/** One kind's counts. */
export interface KindCount {
  requests: number;
  statuses: Record<string, number>;
  codes: Record<string, number>;
}

/** Everything the soak saw, by kind, and the bad outcomes with their first examples. */
export class Tally {
  readonly kinds: Record<string, KindCount> = {};
  fiveXX = 0;
  internalErrors = 0;
  transportErrors = 0;
  unexpected = 0;
  /** The first few bad outcomes, word for word, so a report says what went wrong. */
  readonly examples: string[] = [];

  private of(kind: string): KindCount {
    return (this.kinds[kind] ??= { requests: 0, statuses: {}, codes: {} });
  }

  private note(what: string): void {
    if (this.examples.length < 20) this.examples.push(what);
  }

  /** An HTTP answer (or a CLI exit, as "exit N"), with its stable error code when it has one. */
  answer(kind: string, status: number | string, code?: string, body = ''): void {
    const k = this.of(kind);
    k.requests++;
    k.statuses[String(status)] = (k.statuses[String(status)] ?? 0) + 1;
    if (code) k.codes[code] = (k.codes[code] ?? 0) + 1;
    if (typeof status === 'number' && status >= 500) {
      this.fiveXX++;
      this.note(`${kind}: HTTP ${status} ${body.slice(0, 300)}`);
    }
  }

  /** A result that is the service's own failure: IE (Judge0 13, Piston XX, Jobe 20). */
  internal(kind: string, why: string): void {
    this.internalErrors++;
    this.note(`${kind}: internal error: ${why.slice(0, 300)}`);
  }

  /** A connection refused, reset or timed out. */
  transport(kind: string, why: string): void {
    this.of(kind).requests++;
    this.transportErrors++;
    this.note(`${kind}: transport: ${why.slice(0, 300)}`);
  }

  /** An answer that is legal but not the one due (a wrong output, a 4xx without a stable code, a 200 for a bad limit). */
  wrong(kind: string, why: string): void {
    this.unexpected++;
    this.note(`${kind}: unexpected: ${why.slice(0, 300)}`);
  }

  /** All requests answered. */
  get requests(): number {
    return Object.values(this.kinds).reduce((a, k) => a + k.requests, 0);
  }
}
