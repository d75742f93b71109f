import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMosquitto, type MosquittoBroker } from '../../../simulator/test-support/mosquitto-broker';
import { MqttWatch } from '../../../simulator/test-support/mqtt-watch';
import { DeviceError } from '../device-error';
import { silentLogger } from '../logging/json-logger';
import { MqttSessionManager, type MqttBrokerConfig, type MqttMessage } from './mqtt-session';
import { TcpForwarder } from '../../../test-support/transport/tcp-forwarder';

const BROKER_ID = 'brk_test0001';
const WAIT = { timeout: 10_000, interval: 20 };

const config = (url: string, overrides: Partial<MqttBrokerConfig> = {}): MqttBrokerConfig => ({
  id: BROKER_ID,
  url,
  username: null,
  password: null,
  caPem: null,
  enabled: true,
  ...overrides,
});

describe('MqttSessionManager against mosquitto', () => {
  let broker: MosquittoBroker;
  let spare: MosquittoBroker | undefined;
  let manager: MqttSessionManager;
  let device: MqttWatch;

  beforeEach(async () => {
    broker = await startMosquitto();
    manager = new MqttSessionManager({
      logger: silentLogger,
      reconnectPeriodMs: 100,
      connectTimeoutMs: 2_000,
    });
    device = await MqttWatch.connect(broker.url, ['cmnd/#']);
  });

  afterEach(async () => {
    await manager.close();
    await device.close();
    await broker.stop();
    await spare?.stop();
    spare = undefined;
  });

  async function connected(url = broker.url): Promise<void> {
    manager.setBrokers([config(url)]);
    await vi.waitFor(() => expect(manager.broker(BROKER_ID)?.state).toBe('connected'), WAIT);
  }

  it('connects, delivers messages to every handler of a filter, and stops once the last one unsubscribes', async () => {
    await connected();
    const first: string[] = [];
    const second: string[] = [];
    const sentinel: string[] = [];
    const stopFirst = manager.subscribe(BROKER_ID, 'tele/+/STATE', (m) => first.push(m.payload.toString()));
    const stopSecond = manager.subscribe(BROKER_ID, 'tele/+/STATE', (m) => second.push(m.payload.toString()));
    manager.subscribe(BROKER_ID, 'sentinel', (m) => sentinel.push(m.payload.toString()));
    await manager.request({
      brokerId: BROKER_ID,
      topic: 'sentinel',
      payload: 'ready',
      replyFilters: ['sentinel'],
      match: (m) => m.payload.toString(),
      timeoutMs: 5_000,
    });
    await device.publish('tele/p1/STATE', 'one');
    await vi.waitFor(() => expect([first, second]).toEqual([['one'], ['one']]), WAIT);
    stopFirst();
    await device.publish('tele/p1/STATE', 'two');
    await vi.waitFor(() => expect(second).toEqual(['one', 'two']), WAIT);
    expect(first).toEqual(['one']);
    stopSecond();
    await vi.waitFor(() => expect(sentinel).toEqual(['ready']), WAIT);
    // Same publisher, same subscriber: had `three` still been subscribed, it would arrive before the sentinel.
    await device.publish('tele/p1/STATE', 'three');
    await device.publish('sentinel', 'after');
    await vi.waitFor(() => expect(sentinel).toEqual(['ready', 'after']), WAIT);
    expect(second).toEqual(['one', 'two']);
  });

  it('answers a request with the first live reply match accepts, skipping telemetry and an old retained reply', async () => {
    await connected();
    await device.client.publishAsync('stat/plug/STATUS0', '{"stale":true}', { qos: 1, retain: true });
    device.client.on('message', (topic) => {
      if (topic !== 'cmnd/plug/Status') return;
      void device.publish('tele/plug/STATE', '{"Uptime":"0T00:01:00"}');
      void device.publish('stat/plug/RESULT', '{"POWER":"ON"}');
      void device.publish('stat/plug/STATUS0', '{"Status":{"Topic":"plug"}}');
    });
    const reply = await manager.request({
      brokerId: BROKER_ID,
      topic: 'cmnd/plug/Status',
      payload: '0',
      replyFilters: ['stat/plug/+', 'tele/plug/+'],
      match: (m: MqttMessage) =>
        m.topic.endsWith('/STATUS0') ? JSON.parse(m.payload.toString()) : undefined,
      timeoutMs: 5_000,
    });
    expect(reply).toEqual({ Status: { Topic: 'plug' } });
  });

  it('fails a request with timeout, with the abort reason, or as unreachable', async () => {
    await connected();
    const base = {
      brokerId: BROKER_ID,
      topic: 'cmnd/nobody/Status',
      payload: '0',
      replyFilters: ['stat/nobody/+'],
      match: () => true,
    };
    const timedOut = await manager.request({ ...base, timeoutMs: 200 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(DeviceError);
    expect((timedOut as DeviceError).reason).toBe('timeout');

    const controller = new AbortController();
    const pending = manager.request({ ...base, timeoutMs: 10_000, signal: controller.signal });
    controller.abort(new Error('canceled by the technician'));
    await expect(pending).rejects.toThrow('canceled by the technician');

    const unknown = await manager
      .request({ ...base, brokerId: 'brk_missing1', timeoutMs: 1_000 })
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({
      reason: 'unreachable',
      message: 'MQTT broker brk_missing1 is not configured',
    });
  });

  it('goes to error with the cause when the broker dies, and back to connected with its subscriptions when it returns', async () => {
    const forwarder = await TcpForwarder.start(broker.port);
    try {
      await connected(forwarder.url);
      const states: string[] = [];
      manager.onChange(() => states.push(manager.broker(BROKER_ID)!.state));
      const seen: string[] = [];
      manager.subscribe(BROKER_ID, 'tele/+/LWT', (m) => seen.push(m.payload.toString()));

      await broker.stop();
      await forwarder.down();
      await vi.waitFor(() => expect(manager.broker(BROKER_ID)?.lastError).toMatch(/ECONNREFUSED/), WAIT);
      expect(manager.broker(BROKER_ID)?.state).toBe('error');
      await expect(manager.publish(BROKER_ID, 'x', 'y')).rejects.toMatchObject({ reason: 'unreachable' });

      spare = await startMosquitto();
      await forwarder.up(spare.port);
      await vi.waitFor(
        () => expect(manager.broker(BROKER_ID)).toMatchObject({ state: 'connected', lastError: null }),
        WAIT,
      );
      expect(states).toContain('error');
      const publisher = await MqttWatch.connect(spare.url, ['unused']);
      try {
        await publisher.client.publishAsync('tele/p/LWT', 'Online', { qos: 1, retain: true });
        await vi.waitFor(() => expect(seen).toEqual(['Online']), WAIT);
      } finally {
        await publisher.close();
      }
    } finally {
      await forwarder.down();
    }
  });

  it('follows setBrokers at runtime: a new URL reconnects, disabling disconnects, removal forgets', async () => {
    manager.setBrokers([config('mqtt://127.0.0.1:1')]);
    await vi.waitFor(() => expect(manager.broker(BROKER_ID)?.state).toBe('error'), WAIT);
    await connected(broker.url);
    manager.setBrokers([config(broker.url, { enabled: false })]);
    expect(manager.broker(BROKER_ID)?.state).toBe('disabled');
    manager.setBrokers([]);
    expect(manager.brokers()).toEqual([]);
  });
});
