import type { OutboxRecord } from './outbox';

export type { OutboxRecord } from './outbox';

/** What a delivery attempt achieved. */
export type DeliveryOutcome =
  | { ok: true }
  | {
      ok: false;
      /** How many of the batch's first records were acknowledged before the failure (their cursor advances). */
      delivered: number;
      /** False when trying again cannot help without a change (bad credentials, 4xx); the worker still retries, slowly. */
      retryable: boolean;
      /** The target asked to wait at least this long (HTTP Retry-After). */
      retryAfterMs?: number;
      /** Clear words for the UI; never a secret. */
      message: string;
    };

export type SyncTargetKind = 'mqtt' | 'https' | 'hawkbit';

/**
 * One back-office destination. The worker calls `deliver` for one batch at a time per target, in seq order,
 * and advances the target's cursor only past what was acknowledged, so delivery is at least once: a record
 * may arrive twice (after a reconnect) and the receiver dedups by `id`.
 */
export interface SyncTarget {
  /** Stable across restarts: the persisted cursor is keyed by it. */
  readonly id: string;
  readonly kind: SyncTargetKind;
  /**
   * Delivers in order; resolves once the target acknowledged, or with how many of the first records it
   * acknowledged before failing. Should not throw (a throw counts as a retryable failure with none delivered).
   * `signal` aborts when the worker stops or the target is replaced.
   */
  deliver(batch: readonly OutboxRecord[], signal: AbortSignal): Promise<DeliveryOutcome>;
  /** Releases connections; called by the worker when the target is replaced or the worker stops. */
  close(): Promise<void>;
}
