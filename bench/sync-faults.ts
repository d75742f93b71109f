import { runSyncFaults } from '../test-support/sync/sync-fault-run';
import type { Benchmark } from './bench-types';

/** Issue 11's fault goal: 2,000 results through ≥ 500 forced disconnects (resets and broker restarts). */
export const syncFaults: Benchmark = {
  name: 'sync-faults',
  description: 'outbox sync of 2,000 results through ≥ 500 forced disconnects (0 lost, effects exact)',
  async run() {
    const f = await runSyncFaults({ results: 2_000, disconnects: 500, timeoutMs: 60_000 });
    return {
      disconnects: f.disconnects,
      broker_restarts: f.brokerRestarts,
      lost: f.lost,
      effect_exact: f.effects === f.results ? 1 : 0,
      duplicates_received: f.duplicatesReceived,
      outbox_left: f.outboxLeft,
      seconds: Math.round(f.ms / 100) / 10,
    };
  },
};
