import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { IdempotentStore, parseSyncMessage } from '../../examples/sync-consumer/consumer';

const message = (id: string, at: number, state = 'succeeded') => ({
  id,
  kind: 'job.execution',
  at,
  body: { schema: 1, jobId: 'job_a', deviceId: 'mac:a1', state },
});

describe('the example consumer (examples/sync-consumer)', () => {
  it('applies a record once however often it arrives, and keeps the newest result per device', () => {
    const db = new Database(':memory:');
    const store = new IdempotentStore(db);
    expect(store.apply(message('exec:job_a:mac:a1:1:failed', 20, 'failed'))).toBe(true);
    expect(store.apply(message('exec:job_a:mac:a1:1:failed', 20, 'failed'))).toBe(false);
    expect(store.apply(message('exec:job_a:mac:a1:2:succeeded', 30))).toBe(true);
    // A replay of an older record after a newer one: deduped if seen, and never overwrites the newer result.
    expect(store.apply(message('exec:job_a:mac:a1:0:failed', 10, 'failed'))).toBe(true);
    expect(store.effects()).toBe(3);
    expect(db.prepare('SELECT state, at FROM device_results').get()).toEqual({ state: 'succeeded', at: 30 });
    db.close();
  });

  it('refuses a payload that is not a sync record', () => {
    expect(parseSyncMessage(Buffer.from('not json'))).toBeNull();
    expect(
      parseSyncMessage(Buffer.from(JSON.stringify({ id: 'x', kind: 'job.state', at: 1, body: {} }))),
    ).toBeNull();
    expect(parseSyncMessage(Buffer.from(JSON.stringify(message('x', 1))))).toMatchObject({ id: 'x' });
  });
});
