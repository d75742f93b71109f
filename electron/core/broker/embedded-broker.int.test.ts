import { createServer, connect as tcpConnect, type Server } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import { BrokerListenError, EmbeddedBroker } from './embedded-broker';

const HOST = '127.0.0.1';
const devices = { username: 'site', password: 'tasmota-42' };
const app = { username: 'fieldbatch-app', password: 'app-secret-1' };

function login(port: number, username: string, password: string, protocolVersion: 4 | 5 = 4) {
  const client = mqtt.connect({ host: HOST, port, username, password, protocolVersion, reconnectPeriod: 0 });
  const answer = new Promise<{ client: MqttClient; error: (Error & { code?: number }) | null }>((resolve) => {
    client.once('connect', () => resolve({ client, error: null }));
    client.once('error', (error) => resolve({ client, error }));
  });
  return answer;
}

describe('EmbeddedBroker (aedes on one address)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function started(port = 0, onDevicesChanged = () => undefined) {
    const broker = await EmbeddedBroker.start({
      host: HOST,
      port,
      devices,
      app,
      logger: silentLogger,
      onDevicesChanged,
    });
    let stopped = false;
    cleanup.push(async () => {
      if (!stopped) await broker.stop();
    });
    return { broker, stop: async () => ((stopped = true), broker.stop()) };
  }

  it('lets a device log in with the password, counts it (not the app), and relays its messages', async () => {
    const changes = vi.fn();
    const { broker } = await started(0, changes);
    const device = await login(broker.port, devices.username, devices.password);
    const ours = await login(broker.port, app.username, app.password);
    cleanup.push(
      () => device.client.endAsync(),
      () => ours.client.endAsync(),
    );
    expect(device.error).toBeNull();
    expect(ours.error).toBeNull();
    await vi.waitFor(() => expect(broker.deviceCount).toBe(1));
    expect(changes).toHaveBeenCalled();

    await ours.client.subscribeAsync('tasmota/discovery/+/config');
    const received = new Promise<string>((resolve) => ours.client.once('message', (topic) => resolve(topic)));
    await device.client.publishAsync('tasmota/discovery/AABBCCDDEEFF/config', '{}', { qos: 1 });
    expect(await received).toBe('tasmota/discovery/AABBCCDDEEFF/config');

    await device.client.endAsync();
    await vi.waitFor(() => expect(broker.deviceCount).toBe(0));
  });

  it('delivers a retained message followed at once by another (Tasmota on connect: LWT Online, then more)', async () => {
    const { broker } = await started();
    const ours = await login(broker.port, app.username, app.password);
    const device = await login(broker.port, devices.username, devices.password);
    cleanup.push(
      () => device.client.endAsync(),
      () => ours.client.endAsync(),
    );
    const seen: string[] = [];
    ours.client.on('message', (topic, payload) => seen.push(`${topic} ${payload.toString()}`));
    await ours.client.subscribeAsync('#');
    device.client.publish('tele/plug/LWT', 'Online', { qos: 0, retain: true });
    device.client.publish('cmnd/plug/POWER', '', { qos: 0 });
    device.client.publish('tele/plug/STATE', 'a', { qos: 1, retain: true });
    device.client.publish('tele/plug/INFO1', 'b', { qos: 0 });
    await vi.waitFor(() =>
      expect(seen).toEqual([
        'tele/plug/LWT Online',
        'cmnd/plug/POWER ',
        'tele/plug/STATE a',
        'tele/plug/INFO1 b',
      ]),
    );
    const late = await login(broker.port, app.username, app.password);
    cleanup.push(() => late.client.endAsync());
    const retained: string[] = [];
    late.client.on('message', (topic, payload) => retained.push(`${topic} ${payload.toString()}`));
    await late.client.subscribeAsync('tele/#');
    await vi.waitFor(() => expect(retained.sort()).toEqual(['tele/plug/LWT Online', 'tele/plug/STATE a']));
  });

  it('keeps a subscription made right after an unsubscribe of the same filter (two commands in a row)', async () => {
    const { broker } = await started();
    const ours = await login(broker.port, app.username, app.password);
    const device = await login(broker.port, devices.username, devices.password);
    cleanup.push(
      () => device.client.endAsync(),
      () => ours.client.endAsync(),
    );
    await ours.client.subscribeAsync('stat/plug/+');
    const seen: string[] = [];
    ours.client.on('message', (topic) => seen.push(topic));
    for (let round = 0; round < 20; round += 1) {
      void ours.client.unsubscribeAsync('stat/plug/+');
      await ours.client.subscribeAsync('stat/plug/+');
      await device.client.publishAsync('stat/plug/RESULT', `{"round":${round}}`, { qos: 1 });
      await vi.waitFor(() => expect(seen).toHaveLength(round + 1));
    }
  });

  it('refuses a wrong password, a wrong user and no login with CONNACK 4 (bad user name or password)', async () => {
    const { broker } = await started();
    for (const [user, password] of [
      [devices.username, 'wrong-password'],
      ['someone', devices.password],
      ['', ''],
    ] as const) {
      const { client, error } = await login(broker.port, user, password);
      cleanup.push(() => client.endAsync(true));
      expect(error?.message).toMatch(/Bad username or password/);
      expect(error?.code).toBe(4);
    }
    expect(broker.deviceCount).toBe(0);
  });

  it('speaks MQTT 3.1.1 only: an MQTT 5 client is refused (CONNACK 1), which is why our clients use v4', async () => {
    const { broker } = await started();
    const { client, error } = await login(broker.port, devices.username, devices.password, 5);
    cleanup.push(() => client.endAsync(true));
    expect(error?.message).toMatch(/protocol version/i);
  });

  it('stops cleanly: connected clients are dropped and the port is free again', async () => {
    const { broker, stop } = await started();
    const port = broker.port;
    const device = await login(port, devices.username, devices.password);
    const raw = tcpConnect(port, HOST);
    await new Promise((resolve) => raw.once('connect', resolve));
    const rawClosed = new Promise((resolve) => raw.once('close', resolve));
    const deviceClosed = new Promise<void>((resolve) => device.client.once('close', () => resolve()));
    await stop();
    await Promise.all([rawClosed, deviceClosed]);
    device.client.end(true);
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, HOST, () => resolve());
    });
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });

  it('says in plain words when the port is taken, and leaves nothing listening', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, HOST, () => resolve()));
    cleanup.push(() => new Promise((resolve) => taken.close(resolve)));
    const port = (taken.address() as { port: number }).port;
    const failure = EmbeddedBroker.start({
      host: HOST,
      port,
      devices,
      app,
      logger: silentLogger,
      onDevicesChanged: () => undefined,
    });
    await expect(failure).rejects.toBeInstanceOf(BrokerListenError);
    await expect(failure).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'in-use',
      message: `port ${port} on ${HOST} is already in use by another program: choose another port, or leave the port empty to use a free one`,
    });
  });

  it('says so when the address is not one of this computer', async () => {
    const failure = EmbeddedBroker.start({
      host: '192.0.2.1',
      port: 0,
      devices,
      app,
      logger: silentLogger,
      onDevicesChanged: () => undefined,
    });
    await expect(failure).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: '192.0.2.1 is not an address of this computer (any more): choose the network interface again',
    });
  });
});
