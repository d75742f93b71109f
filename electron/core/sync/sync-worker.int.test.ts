import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { OutboxRepository } from '../storage/repositories/outbox-repository';
import { exponentialBackoff } from './backoff';
import type { NewSyncRecord } from './outbox';
import type { DeliveryOutcome, OutboxRecord, SyncTarget } from './sync-target';
import { SyncWorker, type SyncWorkerStatus } from './sync-worker';

const records = (ids: string[]): NewSyncRecord[] =>
  ids.map((id) => ({ id, kind: 'job.state', at: 1, body: { schema: 1 } }));

/** A target that answers each delivery from a script (then succeeds) and remembers what it got. */
class ScriptedTarget implements SyncTarget {
  readonly kind = 'https' as const;
  readonly got: string[][] = [];
  closed = false;
  constructor(
    readonly id: string,
    private readonly script: ((batch: readonly OutboxRecord[]) => DeliveryOutcome)[] = [],
  ) {}
  async deliver(batch: readonly OutboxRecord[]): Promise<DeliveryOutcome> {
    this.got.push(batch.map((r) => r.id));
    return this.script.shift()?.(batch) ?? { ok: true };
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const failing =
  (delivered: number, extra: Partial<DeliveryOutcome> = {}) =>
  (): DeliveryOutcome => ({
    ok: false,
    delivered,
    retryable: true,
    message: 'link down',
    ...extra,
  });

describe('SyncWorker', () => {
  let db: Db;
  let outbox: OutboxRepository;
  let worker: SyncWorker;
  let now: number;

  beforeEach(() => {
    vi.useFakeTimers();
    now = 1_000;
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    outbox = new OutboxRepository(db, () => 1);
    worker = new SyncWorker({
      outbox,
      clock: { now: () => now },
      logger: silentLogger,
      backoff: exponentialBackoff({ baseMs: 1_000, maxMs: 8_000, random: () => 0.5 }),
      batchSize: 2,
      keepMs: 0,
    });
  });
  afterEach(async () => {
    await worker.stop();
    db.close();
    vi.useRealTimers();
  });

  it('delivers in batches in order, advances the cursor past each acknowledged batch and prunes', async () => {
    const target = new ScriptedTarget('t1');
    outbox.enqueue(records(['a', 'b', 'c']));
    worker.setTargets([target]);
    expect(await worker.syncNow()).toEqual({
      targets: [{ id: 't1', ok: true, delivered: 3, error: null }],
      pending: 0,
    });
    expect(target.got).toEqual([['a', 'b'], ['c']]);
    expect(outbox.size()).toBe(0);
    expect(outbox.cursor('t1')).toMatchObject({ lastSuccessAt: 1_000, attempts: 0 });
  });

  it('keeps the unacknowledged part, backs off exponentially and resumes after the acknowledged prefix', async () => {
    const target = new ScriptedTarget('t1', [failing(1), failing(0), failing(0)]);
    const seen: SyncWorkerStatus[] = [];
    worker.onStatus((s) => seen.push(s));
    outbox.enqueue(records(['a', 'b', 'c']));
    worker.setTargets([target]);
    await vi.advanceTimersByTimeAsync(0);
    expect(worker.status().targets[0]).toMatchObject({
      state: 'waiting',
      pending: 2,
      lastError: 'link down',
      nextAttemptAt: 1_750,
    });
    expect(outbox.after(0, 10).map((r) => r.id)).toEqual(['b', 'c']);
    await vi.advanceTimersByTimeAsync(750); // 1 s with jitter 0.5 → 750 ms
    expect(worker.status().targets[0]).toMatchObject({ state: 'waiting', nextAttemptAt: 1_000 + 1_500 });
    await vi.advanceTimersByTimeAsync(1_499); // 2 s with jitter → 1.5 s
    expect(target.got).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(target.got).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2_999); // 4 s with jitter → 3 s
    expect(target.got).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(target.got).toEqual([
      ['a', 'b'],
      ['b', 'c'],
      ['b', 'c'],
      ['b', 'c'],
    ]);
    expect(worker.status()).toMatchObject({ pending: 0, targets: [{ state: 'idle', lastError: null }] });
    expect(seen.some((s) => s.targets[0]?.state === 'delivering')).toBe(true);
    expect(seen.at(-1)?.targets[0]?.state).toBe('idle');
  });

  it('waits at least what the target asked (Retry-After); a permanent failure waits the cap', async () => {
    const target = new ScriptedTarget('t1', [
      failing(0, { retryAfterMs: 60_000 }),
      failing(0, { retryable: false }),
    ]);
    outbox.enqueue(records(['a']));
    worker.setTargets([target]);
    await vi.advanceTimersByTimeAsync(0);
    expect(worker.status().targets[0]?.nextAttemptAt).toBe(61_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(worker.status().targets[0]).toMatchObject({ state: 'error', nextAttemptAt: 1_000 + 6_000 });
  });

  it('syncNow skips the back-off; a wake during a back-off does not', async () => {
    const target = new ScriptedTarget('t1', [failing(0)]);
    outbox.enqueue(records(['a']));
    worker.setTargets([target]);
    await vi.advanceTimersByTimeAsync(0);
    outbox.enqueue(records(['b']));
    worker.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(target.got).toHaveLength(1);
    expect(await worker.syncNow()).toMatchObject({ targets: [{ ok: true, delivered: 2 }], pending: 0 });
    expect(worker.status().targets[0]?.nextAttemptAt).toBeNull();
  });

  it('treats a throwing target as a retryable failure', async () => {
    const target = new ScriptedTarget('t1', [
      () => {
        throw new Error('socket hang up');
      },
    ]);
    outbox.enqueue(records(['a']));
    worker.setTargets([target]);
    await vi.advanceTimersByTimeAsync(0);
    expect(worker.status().targets[0]).toMatchObject({
      state: 'waiting',
      lastError: 'Error: socket hang up',
    });
  });

  it('prunes only what every target has; cursors persist for a rebuilt target of the same id', async () => {
    const fast = new ScriptedTarget('fast');
    const slow = new ScriptedTarget('slow', [failing(1)]);
    outbox.enqueue(records(['a', 'b']));
    worker.setTargets([fast, slow]);
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.after(0, 10).map((r) => r.id)).toEqual(['b']);
    expect(worker.status()).toMatchObject({ pending: 1, targets: [{ pending: 0 }, { pending: 1 }] });
    const rebuilt = new ScriptedTarget('slow');
    worker.setTargets([fast, rebuilt]);
    await vi.advanceTimersByTimeAsync(0);
    expect(slow.closed).toBe(true);
    expect(fast.closed).toBe(false);
    expect(rebuilt.got).toEqual([['b']]);
    expect(outbox.size()).toBe(0);
  });

  it("keeps the day's results: a target added later receives every record still kept", async () => {
    const day = new SyncWorker({ outbox, clock: { now: () => now }, logger: silentLogger, batchSize: 5 });
    const seen: SyncWorkerStatus[] = [];
    day.onStatus((s) => seen.push(s));
    outbox.enqueue(records(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']));
    day.wake();
    // No target: nothing is pruned, and the header hears of every record at once.
    expect(seen.at(-1)).toMatchObject({ targets: [], pending: 7, kept: 7 });
    const office = new ScriptedTarget('office');
    day.setTargets([office]);
    await vi.advanceTimersByTimeAsync(0);
    expect(office.got.flat()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    outbox.enqueue(records(['r8', 'r9']));
    day.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(day.status()).toMatchObject({ pending: 0, kept: 9 });
    const late = new ScriptedTarget('late');
    day.setTargets([office, late]);
    await vi.advanceTimersByTimeAsync(0);
    expect(late.got.flat()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
    await day.stop();
  });

  it('shows an outbox it cannot read as an error, without an unhandled rejection', async () => {
    const broken = new SyncWorker({
      outbox: {
        after: () => {
          throw new Error('disk I/O error');
        },
        countAfter: (seq) => outbox.countAfter(seq),
        cursor: (id) => outbox.cursor(id),
        advance: () => undefined,
        fail: () => undefined,
        prune: () => 0,
        size: () => outbox.size(),
      },
      clock: { now: () => now },
      logger: silentLogger,
    });
    broken.setTargets([new ScriptedTarget('t1')]);
    expect(await broken.syncNow()).toMatchObject({
      targets: [{ ok: false, delivered: 0, error: 'Error: disk I/O error' }],
    });
    expect(broken.status().targets[0]?.state).toBe('error');
    await broken.stop();
  });

  it('refuses two targets with one id; stop closes every target', async () => {
    const target = new ScriptedTarget('t1');
    expect(() => worker.setTargets([target, new ScriptedTarget('t1')])).toThrow(/same id/);
    worker.setTargets([target]);
    await worker.stop();
    expect(target.closed).toBe(true);
    expect(() => worker.setTargets([target])).toThrow(/stopped/);
  });
});
