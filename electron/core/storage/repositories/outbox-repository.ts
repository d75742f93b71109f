import type {
  NewSyncRecord,
  Outbox,
  OutboxRecord,
  OutboxStore,
  SyncRecordKind,
  TargetCursor,
} from '../../sync/outbox';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  at: number;
  body_json: string;
}

interface CursorRow {
  delivered_seq: number;
  last_success_at: number | null;
  last_error: string | null;
  attempts: number;
}

/** The sync outbox and target cursors (migration 0011). */
export class OutboxRepository implements Outbox, OutboxStore {
  private readonly sql: ReturnType<typeof statementCache>;

  /** `now`: stamps `created_at` (when the row was written, as opposed to the fact's `at`). */
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.sql = statementCache(db);
  }

  /** Writes on the caller's transaction when one is open; an id already waiting is left as it is. */
  enqueue(records: readonly NewSyncRecord[]): void {
    const insert = this.sql(
      'INSERT OR IGNORE INTO sync_outbox (id, kind, at, body_json, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    const createdAt = this.now();
    const write = (): void => {
      for (const r of records) insert.run(r.id, r.kind, r.at, JSON.stringify(r.body), createdAt);
    };
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  after(afterSeq: number, limit: number): OutboxRecord[] {
    const rows = this.sql(
      'SELECT seq, id, kind, at, body_json FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?',
    ).all(afterSeq, limit) as OutboxRow[];
    return rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      kind: r.kind as SyncRecordKind,
      at: r.at,
      body: JSON.parse(r.body_json) as unknown,
    }));
  }

  countAfter(afterSeq: number): number {
    return (this.sql('SELECT count(*) AS n FROM sync_outbox WHERE seq > ?').get(afterSeq) as { n: number }).n;
  }

  /** Every row waiting, whatever the targets. */
  size(): number {
    return this.countAfter(0);
  }

  cursor(targetId: string): TargetCursor {
    const row = this.sql(
      'SELECT delivered_seq, last_success_at, last_error, attempts FROM sync_cursors WHERE target_id = ?',
    ).get(targetId) as CursorRow | undefined;
    return {
      targetId,
      deliveredSeq: row?.delivered_seq ?? 0,
      lastSuccessAt: row?.last_success_at ?? null,
      lastError: row?.last_error ?? null,
      attempts: row?.attempts ?? 0,
    };
  }

  /** Never moves a cursor back (a late acknowledgement of an older batch is harmless). */
  advance(targetId: string, deliveredSeq: number, at: number): void {
    this.sql(
      `INSERT INTO sync_cursors (target_id, delivered_seq, last_success_at, last_error, attempts)
       VALUES (?, ?, ?, NULL, 0)
       ON CONFLICT (target_id) DO UPDATE SET delivered_seq = max(delivered_seq, excluded.delivered_seq),
         last_success_at = excluded.last_success_at, last_error = NULL, attempts = 0`,
    ).run(targetId, deliveredSeq, at);
  }

  fail(targetId: string, message: string): void {
    this.sql(
      `INSERT INTO sync_cursors (target_id, last_error, attempts) VALUES (?, ?, 1)
       ON CONFLICT (target_id) DO UPDATE SET last_error = excluded.last_error, attempts = attempts + 1`,
    ).run(targetId, message);
  }

  /**
   * A target that never delivered counts as cursor 0, so nothing is pruned until it has. Rows written since
   * `writtenBefore` stay even when every target has them: a target added later gets them too.
   */
  prune(targetIds: readonly string[], writtenBefore: number): number {
    if (targetIds.length === 0) return 0;
    const lowest = Math.min(...targetIds.map((id) => this.cursor(id).deliveredSeq));
    return this.sql('DELETE FROM sync_outbox WHERE seq <= ? AND created_at < ?').run(lowest, writtenBefore)
      .changes;
  }

  /** Forgets a removed target's cursor (its pending rows are then pruned by the others' progress). */
  dropCursor(targetId: string): void {
    this.sql('DELETE FROM sync_cursors WHERE target_id = ?').run(targetId);
  }
}
