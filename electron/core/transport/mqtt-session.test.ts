import { EventEmitter } from 'node:events';
import type { IClientOptions, MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../ports';
import { MqttSessionManager, type MqttBrokerConfig, type MqttMessage } from './mqtt-session';

/** The slice of mqtt.js's client the session uses, driven by hand. */
class FakeClient extends EventEmitter {
  connected = false;
  readonly subscribed: string[] = [];
  readonly unsubscribed: string[] = [];
  isEnded = false;

  subscribe(
    filter: string,
    _opts: unknown,
    cb: (err: Error | null, granted: { topic: string; qos: number }[]) => void,
  ) {
    this.subscribed.push(filter);
    cb(null, [{ topic: filter, qos: 0 }]);
  }
  unsubscribe(filter: string) {
    this.unsubscribed.push(filter);
  }
  onPublish: (topic: string) => void = () => undefined;
  publish(topic: string, _payload: unknown, _opts: unknown, cb: (err?: Error) => void) {
    cb();
    this.onPublish(topic);
  }
  end(_force: boolean, _opts: unknown, cb: () => void) {
    this.isEnded = true;
    cb();
  }
  goOnline() {
    this.connected = true;
    this.emit('connect');
  }
  deliver(topic: string, text: string, retain = false) {
    this.emit('message', topic, Buffer.from(text), { retain });
  }
}

function setup() {
  const clients: { url: string; options: IClientOptions; client: FakeClient }[] = [];
  const logs: { message: string; fields?: LogFields }[] = [];
  const record = (message: string, fields?: LogFields) => logs.push({ message, fields });
  const logger: Logger = { debug: record, info: record, warn: record, error: record };
  const manager = new MqttSessionManager({
    logger,
    reconnectPeriodMs: 250,
    connect: (url, options) => {
      const client = new FakeClient();
      clients.push({ url, options, client });
      return client as unknown as MqttClient;
    },
  });
  return { manager, clients, logs };
}

const broker = (overrides: Partial<MqttBrokerConfig> = {}): MqttBrokerConfig => ({
  id: 'brk_site00001',
  url: 'mqtts://fieldbatch:s3cret-pass@broker.site:8883',
  username: 'tech',
  password: 's3cret-pass',
  caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  enabled: true,
  ...overrides,
});

describe('MqttSessionManager (scripted client)', () => {
  it('passes credentials and the CA to the client, re-subscribes itself and never logs the password', async () => {
    const { manager, clients, logs } = setup();
    manager.setBrokers([broker()]);
    expect(clients).toHaveLength(1);
    expect(clients[0]!.options).toMatchObject({
      username: 'tech',
      password: 's3cret-pass',
      ca: broker().caPem,
      reconnectPeriod: 250,
      resubscribe: false,
      clean: true,
    });
    clients[0]!.client.emit(
      'error',
      Object.assign(new Error('getaddrinfo ENOTFOUND broker.site'), { code: 'ENOTFOUND' }),
    );
    clients[0]!.client.goOnline();
    expect(manager.broker('brk_site00001')).toEqual({
      id: 'brk_site00001',
      url: 'mqtts://broker.site:8883',
      state: 'connected',
      lastError: null,
      deviceCount: 0,
    });
    expect(logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs)).not.toContain('s3cret-pass');
    await manager.close();
  });

  it('reports an empty AggregateError by its inner errors', async () => {
    const { manager, clients } = setup();
    manager.setBrokers([broker({ url: 'mqtt://localhost:1' })]);
    const inner = [new Error('connect ECONNREFUSED ::1:1'), new Error('connect ECONNREFUSED 127.0.0.1:1')];
    clients[0]!.client.emit('error', Object.assign(new AggregateError(inner, ''), { code: 'ECONNREFUSED' }));
    expect(manager.broker('brk_site00001')).toMatchObject({
      state: 'error',
      lastError: 'connect ECONNREFUSED ::1:1; connect ECONNREFUSED 127.0.0.1:1',
    });
    await manager.close();
  });

  it('shows a connect() that throws (a malformed URL) as state error', async () => {
    const manager = new MqttSessionManager({
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      connect: () => {
        throw new Error('Missing protocol');
      },
    });
    manager.setBrokers([broker({ url: 'nonsense' })]);
    expect(manager.broker('brk_site00001')).toMatchObject({
      state: 'error',
      lastError: 'cannot connect: Missing protocol',
    });
    await manager.close();
  });

  it('subscribes every filter once on each connect, even those added while offline', async () => {
    const { manager, clients } = setup();
    manager.setBrokers([broker()]);
    const client = clients[0]!.client;
    const stopA = manager.subscribe('brk_site00001', 'tele/+/LWT', () => undefined);
    const stopB = manager.subscribe('brk_site00001', 'tele/+/LWT', () => undefined);
    manager.subscribe('brk_site00001', 'tasmota/discovery/+/config', () => undefined);
    expect(client.subscribed).toEqual([]);
    client.goOnline();
    expect(client.subscribed).toEqual(['tele/+/LWT', 'tasmota/discovery/+/config']);
    client.connected = false;
    client.emit('close');
    expect(manager.broker('brk_site00001')?.state).toBe('error');
    client.goOnline();
    expect(client.subscribed).toEqual([
      'tele/+/LWT',
      'tasmota/discovery/+/config',
      'tele/+/LWT',
      'tasmota/discovery/+/config',
    ]);
    stopA();
    expect(client.unsubscribed).toEqual([]);
    stopB();
    stopB();
    expect(client.unsubscribed).toEqual(['tele/+/LWT']);
    await manager.close();
  });

  it('delivers a message once per handler across overlapping filters, and survives a throwing handler', async () => {
    const { manager, clients } = setup();
    manager.setBrokers([broker()]);
    const client = clients[0]!.client;
    client.goOnline();
    const seen: string[] = [];
    const handler = (m: MqttMessage) => seen.push(`h:${m.topic}`);
    manager.subscribe('brk_site00001', 'tele/#', handler);
    manager.subscribe('brk_site00001', 'tele/+/LWT', handler);
    manager.subscribe('brk_site00001', 'tele/+/LWT', () => {
      throw new Error('boom');
    });
    manager.subscribe('brk_site00001', 'stat/#', (m) => seen.push(`stat:${m.topic}`));
    client.deliver('tele/p/LWT', 'Online');
    client.deliver('stat/p/RESULT', '{}');
    expect(seen).toEqual(['h:tele/p/LWT', 'stat:stat/p/RESULT']);
    await manager.close();
  });

  it('keeps the connection for an unchanged config and replaces it for a changed one', async () => {
    const { manager, clients } = setup();
    const changes: string[] = [];
    manager.onChange((id) => changes.push(id));
    manager.setBrokers([broker()]);
    manager.setBrokers([broker()]);
    expect(clients).toHaveLength(1);
    manager.setBrokers([broker({ url: 'mqtt://127.0.0.1:1884' })]);
    expect(clients).toHaveLength(2);
    expect(clients[0]!.client.isEnded).toBe(true);
    manager.setBrokers([broker({ url: 'mqtt://127.0.0.1:1884', enabled: false })]);
    expect(clients).toHaveLength(2);
    expect(manager.broker('brk_site00001')?.state).toBe('disabled');
    manager.setBrokers([]);
    expect(manager.brokers()).toEqual([]);
    expect(changes.length).toBeGreaterThanOrEqual(4);
    await manager.close();
  });

  it('settles a request on the first live reply, never on a retained (stale) one', async () => {
    const { manager, clients } = setup();
    manager.setBrokers([broker()]);
    const client = clients[0]!.client;
    client.goOnline();
    client.onPublish = (topic) => {
      if (topic !== 'cmnd/plug/Status') return;
      client.deliver('stat/plug/STATUS0', '{"old":1}', true);
      client.deliver('tele/plug/STATE', '{}');
      client.deliver('stat/plug/STATUS0', '{"new":1}');
    };
    const reply = await manager.request({
      brokerId: 'brk_site00001',
      topic: 'cmnd/plug/Status',
      payload: '0',
      replyFilters: ['stat/plug/+', 'tele/plug/+'],
      match: (m) => (m.topic.endsWith('STATUS0') ? m.payload.toString() : undefined),
      timeoutMs: 1_000,
    });
    expect(reply).toBe('{"new":1}');
    expect(client.unsubscribed).toEqual(['stat/plug/+', 'tele/plug/+']);
    await manager.close();
  });

  it('fails a request whose match throws, with that error', async () => {
    const { manager, clients } = setup();
    manager.setBrokers([broker()]);
    const client = clients[0]!.client;
    client.goOnline();
    client.onPublish = () => client.deliver('stat/plug/STATUS0', 'garbage');
    const request = manager.request({
      brokerId: 'brk_site00001',
      topic: 'cmnd/plug/Status',
      payload: '0',
      replyFilters: ['stat/plug/+'],
      match: () => {
        throw new Error('STATUS0 is not JSON');
      },
      timeoutMs: 1_000,
    });
    await expect(request).rejects.toThrow('STATUS0 is not JSON');
    await manager.close();
  });

  it('refuses an invalid filter as a programming error', () => {
    const { manager } = setup();
    expect(() => manager.subscribe('b', 'tele/#/LWT', () => undefined)).toThrow(TypeError);
  });
});
