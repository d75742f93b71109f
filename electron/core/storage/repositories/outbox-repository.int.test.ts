import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import type { NewSyncRecord } from '../../sync/outbox';
import { openDatabase } from '../database';
import { OutboxRepository } from './outbox-repository';

const record = (id: string, at = 10): NewSyncRecord => ({
  id,
  kind: 'job.state',
  at,
  body: { schema: 1, id },
});

function open(): { db: ReturnType<typeof openDatabase>; outbox: OutboxRepository } {
  const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
  return { db, outbox: new OutboxRepository(db, () => 99) };
}

describe('OutboxRepository', () => {
  it('enqueues in seq order and ignores an id that is already waiting', () => {
    const { db, outbox } = open();
    outbox.enqueue([record('a', 5), record('b')]);
    outbox.enqueue([record('a', 7), record('c')]);
    const rows = outbox.after(0, 10);
    // An ignored insert may use up a seq (SQLite AUTOINCREMENT); only the order matters to cursors.
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((x, y) => x - y));
    expect(rows.map(({ seq: _seq, ...r }) => r)).toEqual([
      { id: 'a', kind: 'job.state', at: 5, body: { schema: 1, id: 'a' } },
      { id: 'b', kind: 'job.state', at: 10, body: { schema: 1, id: 'b' } },
      { id: 'c', kind: 'job.state', at: 10, body: { schema: 1, id: 'c' } },
    ]);
    expect(outbox.after(rows[0]!.seq, 1).map((r) => r.id)).toEqual(['b']);
    expect(outbox.countAfter(rows[0]!.seq)).toBe(2);
    db.close();
  });

  it("writes on the caller's transaction: a rollback leaves no row", () => {
    const { db, outbox } = open();
    const failing = db.transaction(() => {
      outbox.enqueue([record('a')]);
      throw new Error('the fact failed');
    });
    expect(() => failing()).toThrow('the fact failed');
    expect(outbox.size()).toBe(0);
    db.close();
  });

  it('keeps cursors per target, never moves one back, counts failures until a success', () => {
    const { db, outbox } = open();
    expect(outbox.cursor('t1')).toEqual({
      targetId: 't1',
      deliveredSeq: 0,
      lastSuccessAt: null,
      lastError: null,
      attempts: 0,
    });
    outbox.fail('t1', 'refused');
    outbox.fail('t1', 'timed out');
    expect(outbox.cursor('t1')).toMatchObject({ deliveredSeq: 0, lastError: 'timed out', attempts: 2 });
    outbox.advance('t1', 5, 1_000);
    outbox.advance('t1', 3, 2_000);
    expect(outbox.cursor('t1')).toMatchObject({
      deliveredSeq: 5,
      lastSuccessAt: 2_000,
      lastError: null,
      attempts: 0,
    });
    db.close();
  });

  it('prunes only what every listed target has; nothing without targets', () => {
    const { db, outbox } = open();
    outbox.enqueue(['a', 'b', 'c', 'd'].map((id) => record(id)));
    outbox.advance('t1', 3, 1);
    const later = Number.MAX_SAFE_INTEGER;
    expect(outbox.prune([], later)).toBe(0);
    expect(outbox.prune(['t1', 't2'], later)).toBe(0);
    outbox.advance('t2', 2, 1);
    // Rows written since the keep limit stay though every target has them (a later target gets them).
    expect(outbox.prune(['t1', 't2'], 0)).toBe(0);
    expect(outbox.prune(['t1', 't2'], later)).toBe(2);
    expect(outbox.after(0, 10).map((r) => r.id)).toEqual(['c', 'd']);
    outbox.dropCursor('t2');
    expect(outbox.cursor('t2').deliveredSeq).toBe(0);
    db.close();
  });
});
