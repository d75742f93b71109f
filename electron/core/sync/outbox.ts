/** What a record to sync is about; the central side routes on it (topic `<prefix>/<kind>/<id>`). */
export type SyncRecordKind = 'job.execution' | 'job.state' | 'audit.entry';

/** One fact to send to the back office, written in the same transaction as the fact itself. */
export interface NewSyncRecord {
  /** Stable id: the same fact always gets the same id (the central side dedups by it). */
  id: string;
  kind: SyncRecordKind;
  /** Epoch ms of the fact. */
  at: number;
  /** JSON-serialisable and versioned: includes `schema: 1`. */
  body: unknown;
}

/** A record as stored: `seq` orders delivery and is what target cursors count. */
export interface OutboxRecord extends NewSyncRecord {
  seq: number;
}

/**
 * Where facts wait for delivery. `enqueue` writes on the caller's open transaction (better-sqlite3 is
 * synchronous), so the fact and its outbox rows commit or roll back together. Re-enqueueing an id still
 * waiting is a no-op; an id already delivered to every target and pruned would be enqueued again (the
 * central side dedups by id, so that is harmless).
 */
export interface Outbox {
  enqueue(records: readonly NewSyncRecord[]): void;
}

/** How far one target got. */
export interface TargetCursor {
  targetId: string;
  /** Highest seq the target acknowledged (everything up to it is delivered); 0 before the first. */
  deliveredSeq: number;
  lastSuccessAt: number | null;
  lastError: string | null;
  /** Failed attempts since the last success. */
  attempts: number;
}

/** The slice of the outbox store the sync worker uses (the SQLite `OutboxRepository` implements it). */
export interface OutboxStore {
  /** Up to `limit` records with seq > `afterSeq`, oldest first. */
  after(afterSeq: number, limit: number): OutboxRecord[];
  /** Records with seq > `afterSeq`. */
  countAfter(afterSeq: number): number;
  /** The target's cursor (a fresh one at 0 when it never delivered). */
  cursor(targetId: string): TargetCursor;
  /** Records a success: the target acknowledged everything up to `deliveredSeq`. */
  advance(targetId: string, deliveredSeq: number, at: number): void;
  /** Records a failed attempt (the cursor stays). */
  fail(targetId: string, message: string): void;
  /**
   * Deletes the records every listed target has and that were written before `writtenBefore` (epoch ms);
   * none when the list is empty (with no target, no one has them yet). Returns how many.
   */
  prune(targetIds: readonly string[], writtenBefore: number): number;
  /** Records still kept: what a target added now receives (a new target's cursor starts at 0). */
  size(): number;
}
