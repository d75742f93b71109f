import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'mqtt';
import { silentLogger } from '../electron/core/logging/json-logger';
import { openDatabase } from '../electron/core/storage/database';
import { OutboxRepository } from '../electron/core/storage/repositories/outbox-repository';
import type { NewSyncRecord } from '../electron/core/sync/outbox';
import { SyncWorker } from '../electron/core/sync/sync-worker';
import { MqttTarget } from '../electron/core/sync/targets/mqtt-target';
import { startMosquitto } from '../simulator/test-support/mosquitto-broker';
import { startTestConsumer } from '../test-support/sync/test-consumer';
import type { Benchmark } from './bench-types';
import { round3 } from './figures';

const RESULTS = 10_000;

/** Results shaped like the job subscriber's `job.execution` records (about 400 bytes of JSON each). */
function results(): NewSyncRecord[] {
  return Array.from({ length: RESULTS }, (_, i) => ({
    id: `exec:job_bench0001:mac:a8032ab${String(i).padStart(5, '0')}:1:succeeded`,
    kind: 'job.execution',
    at: 1_765_000_000_000 + i,
    body: {
      schema: 1,
      jobId: 'job_bench0001',
      jobName: 'Firmware 1.6.0 for the east wing',
      deviceId: `mac:a8032ab${String(i).padStart(5, '0')}`,
      deviceName: `Plug ${i}`,
      state: 'succeeded',
      reason: null,
      skipReason: null,
      message: null,
      wave: 1,
      stepIndex: 2,
      attempt: 1,
      startedAt: 1_765_000_000_000,
      finishedAt: 1_765_000_000_000 + i,
      result: 'running 1.6.0, uptime 3 s',
      artifactId: null,
    },
  }));
}

/** What raw mqtt.js does with the same payloads: QoS 1 publishes pipelined, done when every PUBACK arrived. */
async function rawPublish(url: string, records: readonly NewSyncRecord[]): Promise<number> {
  const client = connect(url, { clientId: 'bench-raw', clean: false, protocolVersion: 4 });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  const started = performance.now();
  await Promise.all(
    records.map(
      (r) =>
        new Promise<void>((resolve, reject) => {
          const payload = JSON.stringify({ id: r.id, kind: r.kind, at: r.at, body: r.body });
          client.publish(`bench/raw/${r.kind}/${r.id}`, payload, { qos: 1 }, (e) =>
            e ? reject(e) : resolve(),
          );
        }),
    ),
  );
  const ms = performance.now() - started;
  await client.endAsync();
  return ms;
}

/**
 * B8: 10,000 results synced from the outbox (a SQLite file, as in the app) to mosquitto at QoS 1 by the
 * sync worker and MqttTarget, against raw mqtt.js publishing the same payloads, side by side in one run
 * (goal ≥ 0.5× raw throughput). A deduplicating consumer on each side; lost and effective duplicates are
 * counted on the outbox side.
 */
export const sync: Benchmark = {
  name: 'sync',
  description: 'outbox sync of 10,000 results to mosquitto QoS 1 vs raw mqtt.js (B8, goal ≥ 0.5)',
  async run() {
    const broker = await startMosquitto();
    const dir = mkdtempSync(join(tmpdir(), 'fieldbatch-bench-sync-'));
    const db = openDatabase({
      file: join(dir, 'fieldbatch.db'),
      logger: silentLogger,
      now: () => Date.now(),
    });
    const outbox = new OutboxRepository(db, () => Date.now());
    // keepMs 0: delivered rows go at once (the app keeps them a day for targets added later), so the
    // "outbox left" line counts what was not delivered.
    const clock = { now: () => Date.now() };
    const worker = new SyncWorker({ outbox, clock, logger: silentLogger, keepMs: 0 });
    const rawSide = await startTestConsumer({
      url: broker.url,
      topicPrefix: 'bench/raw',
      clientId: 'central-raw',
    });
    const central = await startTestConsumer({
      url: broker.url,
      topicPrefix: 'bench/outbox',
      clientId: 'central',
    });
    try {
      const records = results();
      const rawMs = await rawPublish(broker.url, records);
      await rawSide.waitForDistinct(RESULTS, 60_000);
      outbox.enqueue(records);
      const target = new MqttTarget({
        id: 'central',
        url: broker.url,
        topicPrefix: 'bench/outbox',
        clientId: 'bench-outbox',
      });
      const started = performance.now();
      worker.setTargets([target]);
      const run = await worker.syncNow();
      const syncMs = performance.now() - started;
      await central.waitForDistinct(RESULTS, 60_000).catch(() => undefined);
      console.error(
        `raw ${Math.round(rawMs)} ms (${Math.round((RESULTS / rawMs) * 1000)}/s), outbox ${Math.round(syncMs)} ms ` +
          `(${Math.round((RESULTS / syncMs) * 1000)}/s), delivered ${run.targets[0]?.delivered}, outbox left ${outbox.size()}`,
      );
      return {
        b8_ratio: round3(rawMs / syncMs),
        results: RESULTS,
        lost: RESULTS - central.distinct(),
        duplicates_effective: central.effects() - central.distinct(),
        raw_per_s: Math.round((RESULTS / rawMs) * 1000),
        outbox_per_s: Math.round((RESULTS / syncMs) * 1000),
      };
    } finally {
      await worker.stop();
      await central.close();
      await rawSide.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
      await broker.stop();
    }
  },
};
