import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../electron/core/logging/json-logger';
import { exponentialBackoff } from '../../electron/core/sync/backoff';
import type { NewSyncRecord } from '../../electron/core/sync/outbox';
import { SyncWorker } from '../../electron/core/sync/sync-worker';
import { MqttTarget } from '../../electron/core/sync/targets/mqtt-target';
import { openDatabase } from '../../electron/core/storage/database';
import { OutboxRepository } from '../../electron/core/storage/repositories/outbox-repository';
import { type MosquittoBroker, startMosquitto } from '../../simulator/test-support/mosquitto-broker';
import { TcpForwarder } from '../transport/tcp-forwarder';
import { startTestConsumer } from './test-consumer';

export interface SyncFaultFigures {
  results: number;
  /** Connections dropped by the proxy plus broker restarts. */
  disconnects: number;
  brokerRestarts: number;
  /** Results the central side never applied. */
  lost: number;
  effects: number;
  duplicatesReceived: number;
  outboxLeft: number;
  ms: number;
}

const PREFIX = 'fieldbatch/faults';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function result(i: number): NewSyncRecord {
  return {
    id: `exec:job_faults:mac:d${i}:1:succeeded`,
    kind: 'job.execution',
    at: 1_000_000 + i,
    body: {
      schema: 1,
      jobId: 'job_faults',
      deviceId: `mac:d${i}`,
      state: 'succeeded',
      result: 'running 1.6.0',
    },
  };
}

/**
 * Delivers `results` records through the outbox, the sync worker and an MqttTarget while connections are
 * forced down at least `disconnects` times: the publisher reaches mosquitto through a proxy that drops its
 * connections, and every `restartEvery`-th fault the broker itself is stopped and started again on the same
 * port (persistence on, so the central consumer's QoS 1 session and queue survive, as on a real broker).
 * The consumer dedups by id; the figures say what arrived.
 */
export async function runSyncFaults(options: {
  results: number;
  disconnects: number;
  restartEvery?: number;
  timeoutMs?: number;
}): Promise<SyncFaultFigures> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbatch-sync-faults-'));
  chmodSync(dataDir, 0o777); // mosquitto started as root writes its store as its own user
  const config = ['persistence true', `persistence_location ${dataDir}/`];
  let broker: MosquittoBroker = await startMosquitto({ config });
  const proxy = await TcpForwarder.start(broker.port);
  const consumer = await startTestConsumer({
    url: broker.url,
    topicPrefix: PREFIX,
    clientId: 'central-faults',
  });
  const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => Date.now() });
  const outbox = new OutboxRepository(db, () => Date.now());
  const worker = new SyncWorker({
    outbox,
    clock: { now: () => Date.now() },
    logger: silentLogger,
    backoff: exponentialBackoff({ baseMs: 10, maxMs: 200 }),
    batchSize: 100,
    // Delivered rows go at once: the app keeps them a day for targets added later (tested in the worker's
    // tests); here the outbox must end empty, so what is left is exactly what was not delivered.
    keepMs: 0,
  });
  const target = new MqttTarget({
    id: 'central',
    url: proxy.url,
    topicPrefix: PREFIX,
    clientId: 'fieldbatch-faults',
    reconnectPeriodMs: 10,
    stallTimeoutMs: 1_000,
  });
  worker.setTargets([target]);
  const restartEvery = options.restartEvery ?? 25;
  let disconnects = 0;
  let brokerRestarts = 0;
  let enqueued = 0;
  try {
    for (let fault = 1; disconnects < options.disconnects || enqueued < options.results; fault += 1) {
      const share = Math.ceil(options.results / options.disconnects);
      const next = Array.from({ length: Math.min(share, options.results - enqueued) }, (_, i) =>
        result(enqueued + i),
      );
      outbox.enqueue(next);
      enqueued += next.length;
      worker.wake();
      // Every third fault hits a delivery in flight; the others an idle or reconnecting link.
      await sleep(fault % 3 === 0 ? 0 : 5 + (fault % 4) * 5);
      if (fault % restartEvery === 0) {
        await broker.stop();
        broker = await startMosquitto({ config, port: broker.port });
        brokerRestarts += 1;
        disconnects += 1;
      } else if (proxy.reset() > 0) disconnects += 1;
    }
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (worker.status().pending > 0 && Date.now() < deadline) {
      await worker.syncNow();
      await sleep(20);
    }
    await consumer
      .waitForDistinct(options.results, Math.max(1, deadline - Date.now()))
      .catch(() => undefined);
    return {
      results: options.results,
      disconnects,
      brokerRestarts,
      lost: options.results - consumer.distinct(),
      effects: consumer.effects(),
      duplicatesReceived: consumer.duplicates(),
      outboxLeft: outbox.size(),
      ms: Date.now() - started,
    };
  } finally {
    await worker.stop();
    await consumer.close();
    await proxy.down();
    await broker.stop();
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
