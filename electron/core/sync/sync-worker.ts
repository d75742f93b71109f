import { DomainError } from '../errors';
import type { Clock, Logger } from '../ports';
import { type BackoffPolicy, exponentialBackoff } from './backoff';
import type { OutboxStore } from './outbox';
import type { DeliveryOutcome, OutboxRecord, SyncTarget, SyncTargetKind } from './sync-target';

/** What a target's lane is doing: `waiting` = back-off after a retryable failure, `error` = a permanent one. */
export type SyncLaneState = 'idle' | 'delivering' | 'waiting' | 'error';

export interface SyncTargetStatus {
  id: string;
  kind: SyncTargetKind;
  state: SyncLaneState;
  /** Records this target has not acknowledged yet. */
  pending: number;
  lastSuccessAt: number | null;
  lastError: string | null;
  /** When the next automatic attempt starts (epoch ms), or null when none is scheduled. */
  nextAttemptAt: number | null;
}

export interface SyncWorkerStatus {
  /** In the order given to `setTargets`. */
  targets: SyncTargetStatus[];
  /** Records not yet acknowledged by every target (all records when there is none). */
  pending: number;
  /** Records still kept: what a target added now receives (its cursor starts at 0, before the oldest). */
  kept: number;
}

export interface SyncRunResult {
  targets: { id: string; ok: boolean; delivered: number; error: string | null }[];
  pending: number;
}

export interface SyncWorkerDeps {
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
  /** Default: exponential from 1 s to 5 min with jitter. */
  backoff?: BackoffPolicy;
  /** Records per `deliver` call. Default 500. */
  batchSize?: number;
  /**
   * How long records stay after every target has them, so a target added later (the back office, at the
   * end of a visit) still gets the day's results. Default 24 h.
   */
  keepMs?: number;
}

type PassResult = SyncRunResult['targets'][number];

interface Lane {
  readonly target: SyncTarget;
  readonly abort: AbortController;
  state: SyncLaneState;
  deliveredSeq: number;
  failures: number;
  running: Promise<PassResult> | null;
  /** A wake arrived while a pass was running: run once more after it. */
  again: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  nextAttemptAt: number | null;
}

/**
 * Delivers the outbox to every target, each at its own pace (one lane per target, one batch in flight).
 * A target's cursor advances only past what it acknowledged, and is persisted, so delivery is at least once
 * across failures and restarts. A target counts as reachable when a delivery succeeds (no separate ping).
 * A failure waits out the back-off (or the target's `retryAfterMs` if longer) before the next attempt.
 * Records every target has are pruned once older than `keepMs`. The worker owns the targets it is given: it closes them when they
 * are replaced and on `stop`.
 */
export class SyncWorker {
  private readonly lanes = new Map<string, Lane>();
  private readonly listeners = new Set<(status: SyncWorkerStatus) => void>();
  private readonly backoff: BackoffPolicy;
  private readonly batchSize: number;
  private readonly keepMs: number;
  private readonly retiring = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: SyncWorkerDeps) {
    this.backoff = deps.backoff ?? exponentialBackoff();
    this.batchSize = deps.batchSize ?? 500;
    this.keepMs = deps.keepMs ?? 24 * 60 * 60_000;
  }

  /**
   * Replaces the targets (enabled ones only). A target passed again as the same object keeps its lane;
   * others are aborted and closed. Cursors are per target id and persisted, so a rebuilt target with the
   * same id resumes where it was. Throws INVALID_INPUT on duplicate ids.
   */
  setTargets(targets: readonly SyncTarget[]): void {
    const ids = new Set(targets.map((t) => t.id));
    if (ids.size !== targets.length)
      throw new DomainError('INVALID_INPUT', 'Two sync targets have the same id.');
    if (this.stopped) throw new DomainError('UNAVAILABLE', 'The sync worker is stopped.');
    const next = new Map<string, Lane>();
    for (const target of targets) {
      const kept = this.lanes.get(target.id);
      next.set(target.id, kept?.target === target ? kept : this.newLane(target));
    }
    for (const [id, lane] of this.lanes) if (next.get(id) !== lane) this.retire(lane);
    this.lanes.clear();
    for (const [id, lane] of next) this.lanes.set(id, lane);
    this.emit();
    this.wake();
  }

  /**
   * New records or a change: idle targets start delivering; one waiting out a back-off keeps waiting. The
   * status goes out either way, so the header counts records that arrive with no target or during a back-off.
   */
  wake(): void {
    this.emit();
    for (const lane of this.lanes.values()) if (lane.timer === null) void this.kick(lane);
  }

  /**
   * Clears every back-off and delivers until the outbox is empty or a target fails. `delivered` counts what
   * a pass already running when called delivered too.
   */
  async syncNow(): Promise<SyncRunResult> {
    const results = await Promise.all(
      [...this.lanes.values()].map(async (lane) => {
        let delivered = 0;
        while (lane.running) delivered += (await lane.running).delivered;
        this.clearTimer(lane);
        lane.failures = 0;
        const last = await this.kick(lane);
        return { ...last, delivered: delivered + last.delivered };
      }),
    );
    return { targets: results, pending: this.status().pending };
  }

  status(): SyncWorkerStatus {
    const { outbox } = this.deps;
    const targets = [...this.lanes.values()].map((lane): SyncTargetStatus => {
      const cursor = outbox.cursor(lane.target.id);
      return {
        id: lane.target.id,
        kind: lane.target.kind,
        state: lane.state,
        pending: outbox.countAfter(lane.deliveredSeq),
        lastSuccessAt: cursor.lastSuccessAt,
        lastError: cursor.lastError,
        nextAttemptAt: lane.nextAttemptAt,
      };
    });
    const lowest = Math.min(...[...this.lanes.values()].map((l) => l.deliveredSeq));
    return {
      targets,
      pending: outbox.countAfter(Number.isFinite(lowest) ? lowest : 0),
      kept: outbox.size(),
    };
  }

  /** Called with the new status on every change (state, cursor); returns the unsubscribe. */
  onStatus(listener: (status: SyncWorkerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Aborts deliveries in flight, cancels back-offs and closes every target. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const lane of this.lanes.values()) this.retire(lane);
    this.lanes.clear();
    while (this.retiring.size > 0) await Promise.all([...this.retiring]);
  }

  private newLane(target: SyncTarget): Lane {
    const cursor = this.deps.outbox.cursor(target.id);
    return {
      target,
      abort: new AbortController(),
      state: 'idle',
      deliveredSeq: cursor.deliveredSeq,
      failures: cursor.attempts,
      running: null,
      again: false,
      timer: null,
      nextAttemptAt: null,
    };
  }

  private retire(lane: Lane): void {
    this.clearTimer(lane);
    lane.abort.abort();
    const done = (async () => {
      await lane.running;
      await lane.target.close().catch((error: unknown) => {
        this.deps.logger.warn('sync target close failed', { target: lane.target.id, error: String(error) });
      });
    })();
    this.retiring.add(done);
    void done.finally(() => this.retiring.delete(done));
  }

  private kick(lane: Lane): Promise<PassResult> {
    if (lane.running) {
      lane.again = true;
      return lane.running;
    }
    const running = this.pass(lane)
      .catch((error: unknown): PassResult => {
        // The outbox itself failed (database closed or broken): nothing to retry on a timer.
        this.deps.logger.error('sync pass failed', { target: lane.target.id, error: String(error) });
        this.setState(lane, 'error');
        return { id: lane.target.id, ok: false, delivered: 0, error: String(error) };
      })
      .finally(() => {
        lane.running = null;
        if (lane.again && lane.timer === null && !lane.abort.signal.aborted) void this.kick(lane);
      });
    lane.running = running;
    return running;
  }

  /** Delivers batch after batch until none is left (idle) or one fails (back-off scheduled). */
  private async pass(lane: Lane): Promise<PassResult> {
    const { outbox, clock } = this.deps;
    const id = lane.target.id;
    let delivered = 0;
    for (;;) {
      lane.again = false;
      if (lane.abort.signal.aborted) return { id, ok: false, delivered, error: 'stopped' };
      const batch = outbox.after(lane.deliveredSeq, this.batchSize);
      if (batch.length === 0) {
        this.setState(lane, 'idle');
        return { id, ok: true, delivered, error: null };
      }
      this.setState(lane, 'delivering');
      const outcome = await this.deliver(lane, batch);
      const acked = outcome.ok ? batch.length : Math.max(0, Math.min(batch.length, outcome.delivered));
      if (acked > 0) {
        lane.deliveredSeq = Math.max(lane.deliveredSeq, batch[acked - 1]!.seq);
        outbox.advance(id, lane.deliveredSeq, clock.now());
        outbox.prune([...this.lanes.keys()], clock.now() - this.keepMs);
        lane.failures = 0;
        delivered += acked;
      }
      if (!outcome.ok) {
        this.failed(lane, outcome);
        return { id, ok: false, delivered, error: outcome.message };
      }
      this.emit();
    }
  }

  private async deliver(lane: Lane, batch: readonly OutboxRecord[]): Promise<DeliveryOutcome> {
    try {
      return await lane.target.deliver(batch, lane.abort.signal);
    } catch (error) {
      return { ok: false, delivered: 0, retryable: true, message: String(error) };
    }
  }

  private failed(lane: Lane, outcome: Extract<DeliveryOutcome, { ok: false }>): void {
    this.deps.outbox.fail(lane.target.id, outcome.message);
    if (lane.abort.signal.aborted) return;
    lane.failures += 1;
    // A permanent failure is still retried, at the cap, in case the far side was fixed meanwhile.
    const backoff = this.backoff.delayMs(outcome.retryable ? lane.failures : Number.MAX_SAFE_INTEGER);
    const delay = Math.max(backoff, outcome.retryAfterMs ?? 0);
    this.deps.logger.warn('sync delivery failed', {
      target: lane.target.id,
      delayMs: delay,
      error: outcome.message,
    });
    lane.nextAttemptAt = this.deps.clock.now() + delay;
    lane.timer = setTimeout(() => {
      lane.timer = null;
      lane.nextAttemptAt = null;
      void this.kick(lane);
    }, delay);
    lane.timer.unref?.();
    this.setState(lane, outcome.retryable ? 'waiting' : 'error');
  }

  private clearTimer(lane: Lane): void {
    if (lane.timer !== null) clearTimeout(lane.timer);
    lane.timer = null;
    lane.nextAttemptAt = null;
  }

  private setState(lane: Lane, state: SyncLaneState): void {
    const changed = lane.state !== state;
    lane.state = state;
    if (changed) this.emit();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    let status: SyncWorkerStatus;
    try {
      status = this.status();
    } catch (error) {
      this.deps.logger.error('sync status unreadable', { error: String(error) });
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (error) {
        this.deps.logger.error('sync status listener failed', { error: String(error) });
      }
    }
  }
}
