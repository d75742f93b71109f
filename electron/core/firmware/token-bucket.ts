/**
 * A token bucket shared by every download: `reserve(n)` takes n bytes' worth at once and says how long the
 * caller must wait before sending them. Reservations may run into debt, so concurrent callers queue up in
 * the order they asked (each one's wait includes the debt of those before it) and the total rate holds.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * @param bytesPerSecond sustained rate, > 0
   * @param burst bytes that may go at once after an idle spell (the bucket's size)
   * @param now monotonic milliseconds (injected for tests)
   */
  constructor(
    readonly bytesPerSecond: number,
    readonly burst: number,
    private readonly now: () => number,
  ) {
    if (!(bytesPerSecond > 0) || !(burst > 0)) throw new RangeError('rate and burst must be positive');
    this.tokens = burst;
    this.last = now();
  }

  /** Reserves `bytes`; returns the wait in milliseconds (0 when they may go now). */
  reserve(bytes: number): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.bytesPerSecond) / 1000);
    this.last = t;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.bytesPerSecond) * 1000;
  }
}

/** A bucket for a KiB/s setting: an eighth of a second of burst, at least 16 KiB, so limits feel smooth. */
export function bucketForKiBps(kibps: number | null, now: () => number): TokenBucket | null {
  if (kibps === null) return null;
  const rate = kibps * 1024;
  return new TokenBucket(rate, Math.max(16 * 1024, rate / 8), now);
}
