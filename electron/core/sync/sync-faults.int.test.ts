import { describe, expect, it } from 'vitest';
import { runSyncFaults } from '../../../test-support/sync/sync-fault-run';

describe('outbox sync under forced disconnects (mosquitto)', () => {
  it('delivers 2,000 results through ≥ 500 dropped connections and broker restarts: none lost, each applied once', async () => {
    const figures = await runSyncFaults({ results: 2_000, disconnects: 500, timeoutMs: 30_000 });
    expect(figures.disconnects).toBeGreaterThanOrEqual(500);
    expect(figures.brokerRestarts).toBeGreaterThanOrEqual(20);
    expect(figures.lost).toBe(0);
    expect(figures.effects).toBe(2_000);
    expect(figures.outboxLeft).toBe(0);
  }, 90_000);
});
