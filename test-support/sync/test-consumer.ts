import Database from 'better-sqlite3';
import type { MqttClient } from 'mqtt';
import { IdempotentStore, startConsumer, type SyncMessage } from '../../examples/sync-consumer/consumer';

/** The example consumer on an in-memory database, with what a test checks: every message, every effect. */
export interface TestConsumer {
  /** Messages received, duplicates included. */
  received(): number;
  /** Received again after their id was applied. */
  duplicates(): number;
  /** Effects the store applied (must equal `distinct()`: exactly once). */
  effects(): number;
  /** Distinct ids received. */
  distinct(): number;
  ids(): ReadonlySet<string>;
  /** Payloads that were not a sync message. */
  malformed(): number;
  /** Resolves once `n` distinct ids arrived; rejects after `timeoutMs` with the count so far. */
  waitForDistinct(n: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestConsumer(options: {
  url: string;
  topicPrefix: string;
  ca?: string;
  clientId?: string;
}): Promise<TestConsumer> {
  const db = new Database(':memory:');
  const store = new IdempotentStore(db);
  const ids = new Set<string>();
  let received = 0;
  let duplicates = 0;
  let malformed = 0;
  let waiter: { n: number; resolve: () => void } | null = null;
  const client: MqttClient = await startConsumer({
    ...options,
    clientId: options.clientId ?? `central-${process.pid}-${Date.now()}`,
    store,
    reconnectPeriodMs: 20,
    onMessage: (m: SyncMessage | null, fresh) => {
      received += 1;
      if (!m) malformed += 1;
      else {
        ids.add(m.id);
        if (!fresh) duplicates += 1;
      }
      if (waiter && ids.size >= waiter.n) waiter.resolve();
    },
  });
  return {
    received: () => received,
    duplicates: () => duplicates,
    effects: () => store.effects(),
    distinct: () => ids.size,
    ids: () => ids,
    malformed: () => malformed,
    waitForDistinct: (n, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        if (ids.size >= n) return resolve();
        const timer = setTimeout(() => {
          waiter = null;
          reject(new Error(`consumer has ${ids.size} of ${n} distinct records after ${timeoutMs} ms`));
        }, timeoutMs);
        waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            waiter = null;
            resolve();
          },
        };
      }),
    close: async () => {
      await client.endAsync(true);
      db.close();
    },
  };
}
