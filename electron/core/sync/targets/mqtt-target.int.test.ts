import { connect } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MosquittoBroker, startMosquitto } from '../../../../simulator/test-support/mosquitto-broker';
import { mintTestCertificates, type TestCertificates } from '../../../../test-support/sync/test-pki';
import { startTestConsumer } from '../../../../test-support/sync/test-consumer';
import { ENCRYPTED_LINK_HINT } from '../../../../shared/domain/sync-transport';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../../storage/database';
import { OutboxRepository } from '../../storage/repositories/outbox-repository';
import type { NewSyncRecord } from '../outbox';
import { SyncWorker } from '../sync-worker';
import { MqttTarget, type MqttTargetOptions } from './mqtt-target';

const records = (n: number, from = 0): NewSyncRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `exec:job_tls:mac:a${from + i}:1:succeeded`,
    kind: 'job.execution' as const,
    at: 1_000 + i,
    body: { schema: 1, deviceId: `mac:a${from + i}`, state: 'succeeded' },
  }));

describe('MqttTarget over TLS (mosquitto)', () => {
  let certs: TestCertificates;
  let broker: MosquittoBroker;
  let url: string;

  beforeAll(async () => {
    certs = mintTestCertificates();
    broker = await startMosquitto({
      config: [`cafile ${certs.caFile}`, `certfile ${certs.certFile}`, `keyfile ${certs.keyFile}`],
    });
    url = `mqtts://127.0.0.1:${broker.port}`;
  });
  afterAll(async () => {
    await broker.stop();
    certs.cleanup();
  });

  const target = (o: Partial<MqttTargetOptions> = {}): MqttTarget =>
    new MqttTarget({
      id: 'central',
      url,
      ca: certs.caPem,
      topicPrefix: 'fb/site1',
      clientId: 'fb-test',
      ...o,
    });

  it('publishes each record at QoS 1 to <prefix>/<kind>/<id> with its JSON and resolves once acknowledged', async () => {
    const seen = connect(url, { ca: certs.caPem, rejectUnauthorized: true });
    const messages: { topic: string; payload: string; qos: number }[] = [];
    seen.on('message', (topic, payload, packet) =>
      messages.push({ topic, payload: payload.toString(), qos: packet.qos }),
    );
    await seen.subscribeAsync('fb/site1/#', { qos: 1 });
    const t = target({ clientId: 'fb-topics' });
    const batch = records(3).map((r, i) => ({ ...r, seq: i + 1 }));
    expect(await t.deliver(batch, new AbortController().signal)).toEqual({ ok: true });
    await expect.poll(() => messages.length).toBe(3);
    expect(messages[0]).toEqual({
      topic: 'fb/site1/job.execution/exec:job_tls:mac:a0:1:succeeded',
      payload: JSON.stringify({ id: batch[0]!.id, kind: 'job.execution', at: 1_000, body: batch[0]!.body }),
      qos: 1,
    });
    await t.close();
    await seen.endAsync();
  });

  // Wrong CA, wrong host and the other G12 refusals: mqtt-target-tls.int.test.ts.
  it('reports an unreachable broker as retryable with nothing delivered', async () => {
    const t = target({ url: 'mqtts://127.0.0.1:1', stallTimeoutMs: 300, reconnectPeriodMs: 50 });
    const outcome = await t.deliver(
      records(1).map((r) => ({ ...r, seq: 1 })),
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ ok: false, delivered: 0, retryable: true });
    await t.close();
  });

  it('rejects a URL that is not mqtt:// or mqtts://', () => {
    expect(() => target({ url: 'https://127.0.0.1' })).toThrow(ENCRYPTED_LINK_HINT.mqtt);
  });

  it('syncs the outbox through the worker: every record applied once centrally, outbox empty', async () => {
    const consumer = await startTestConsumer({ url, topicPrefix: 'fb/site2', ca: certs.caPem });
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    const outbox = new OutboxRepository(db, () => 1);
    const worker = new SyncWorker({
      outbox,
      clock: { now: () => 5 },
      logger: silentLogger,
      batchSize: 200,
      keepMs: 0,
    });
    outbox.enqueue(records(1_000));
    worker.setTargets([target({ topicPrefix: 'fb/site2', clientId: 'fb-worker' })]);
    const result = await worker.syncNow();
    expect(result).toEqual({
      targets: [{ id: 'central', ok: true, delivered: 1_000, error: null }],
      pending: 0,
    });
    await consumer.waitForDistinct(1_000, 10_000);
    expect(outbox.size()).toBe(0);
    expect(worker.status().targets[0]).toMatchObject({
      state: 'idle',
      pending: 0,
      lastSuccessAt: 5,
      lastError: null,
    });
    expect(consumer.effects()).toBe(1_000);
    await worker.stop();
    await consumer.close();
    db.close();
  });
});
