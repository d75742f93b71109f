import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../database';
import { migration0011SyncOutbox } from './0011-sync-outbox';
import { MIGRATIONS } from './index';

describe('migration 0011 (sync outbox)', () => {
  it('creates the outbox and cursors; a seq is never reused once the newest rows were pruned', () => {
    expect(MIGRATIONS[10]).toBe(migration0011SyncOutbox);
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    const insert = db.prepare(
      "INSERT INTO sync_outbox (id, kind, at, body_json, created_at) VALUES (?, 'job.state', 1, '{}', 1)",
    );
    insert.run('a');
    insert.run('b');
    db.prepare('DELETE FROM sync_outbox').run();
    expect(insert.run('c').lastInsertRowid).toBe(3);
    expect(() => insert.run('c')).toThrow(/UNIQUE/);
    db.prepare('INSERT INTO sync_cursors (target_id) VALUES (?)').run('t1');
    expect(db.prepare('SELECT * FROM sync_cursors').get()).toEqual({
      target_id: 't1',
      delivered_seq: 0,
      last_success_at: null,
      last_error: null,
      attempts: 0,
    });
    db.close();
  });
});
