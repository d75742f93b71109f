/** Firmware 2.0 nonce management limits (§1.6); every one can be changed per fleet. */
export interface NonceRules {
  /** How long a nonce stays valid. Default 1 h. */
  lifetimeMs: number;
  /** Nonce slots per device. Default 32. */
  slots: number;
  /** While all slots are live, new challenges are answered 429 for this long. Default 2000 ms. */
  throttleMs: number;
}

export const DEFAULT_NONCE_RULES: NonceRules = { lifetimeMs: 3_600_000, slots: 32, throttleMs: 2000 };

interface Slot {
  issuedAtMs: number;
  lastUsedMs: number;
  lastNc: number;
}

export type NonceUse = 'ok' | 'unknown' | 'expired' | 'replayed';

/**
 * The nonce slots of one firmware-2.0 device: `nc` is tracked per nonce and must strictly increase from 1;
 * an expired nonce is reported so the device can say `stale=true`; when every slot holds a live nonce, the
 * device throttles (429) for `throttleMs` and then evicts the least recently used slot.
 */
export class NonceBook {
  private readonly slots = new Map<string, Slot>();
  private throttleUntilMs = 0;

  constructor(
    private readonly rules: NonceRules,
    private readonly makeNonce: () => string,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** A fresh nonce, or undefined while throttled. */
  issue(): string | undefined {
    const now = this.nowMs();
    if (this.slots.size >= this.rules.slots) this.evictExpired(now);
    if (this.slots.size >= this.rules.slots) {
      if (this.throttleUntilMs === 0) this.throttleUntilMs = now + this.rules.throttleMs;
      if (now < this.throttleUntilMs) return undefined;
      this.throttleUntilMs = 0;
      this.evictLeastRecentlyUsed();
    }
    let nonce = this.makeNonce();
    while (this.slots.has(nonce)) nonce = this.makeNonce();
    this.slots.set(nonce, { issuedAtMs: now, lastUsedMs: now, lastNc: 0 });
    return nonce;
  }

  /** Classifies a use of `nonce` with `nc`; only 'ok' records the use. */
  use(nonce: string, nc: number): NonceUse {
    const slot = this.slots.get(nonce);
    if (slot === undefined) return 'unknown';
    const now = this.nowMs();
    if (now - slot.issuedAtMs >= this.rules.lifetimeMs) {
      this.slots.delete(nonce);
      return 'expired';
    }
    if (!Number.isInteger(nc) || nc <= slot.lastNc) return 'replayed';
    slot.lastNc = nc;
    slot.lastUsedMs = now;
    return 'ok';
  }

  clear(): void {
    this.slots.clear();
    this.throttleUntilMs = 0;
  }

  private evictExpired(now: number): void {
    for (const [nonce, slot] of this.slots)
      if (now - slot.issuedAtMs >= this.rules.lifetimeMs) this.slots.delete(nonce);
  }

  private evictLeastRecentlyUsed(): void {
    let oldest: string | undefined;
    let oldestMs = Infinity;
    for (const [nonce, slot] of this.slots) {
      if (slot.lastUsedMs < oldestMs) {
        oldest = nonce;
        oldestMs = slot.lastUsedMs;
      }
    }
    if (oldest !== undefined) this.slots.delete(oldest);
  }
}
