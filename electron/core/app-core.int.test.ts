import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceDetail, DeviceSummary } from '../../shared/domain/device';
import type { SerialPortStatus } from '../../shared/domain/discovery';
import { startTasmotaFleet, type TasmotaFleet } from '../../simulator';
import { startMosquitto } from '../../simulator/test-support/mosquitto-broker';
import { startTestAppCore, type TestAppCore } from '../../test-support/core/test-app-core';

async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('the app core with every discovery source against simulated Tasmota devices', () => {
  let broker: Awaited<ReturnType<typeof startMosquitto>>;
  let fleet: TasmotaFleet;
  let app: TestAppCore;

  beforeAll(async () => {
    broker = await startMosquitto();
    fleet = await startTasmotaFleet({ count: 3, seed: 61, broker: broker.url, serialCount: 1 });
    app = await startTestAppCore();
  });
  afterAll(async () => {
    await app.close();
    await fleet.stop();
    await broker.stop();
  });

  const list = async () => {
    const result = await app.dispatch('devices.list', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as DeviceSummary[];
  };

  it('merges one device seen over MQTT, its serial console and HTTP into one record with three endpoints', async () => {
    const saved = await app.dispatch('discovery.saveBroker', { url: broker.url });
    expect(saved).toMatchObject({ ok: true, value: { url: broker.url, hasPassword: false } });
    await eventually(async () => expect((await list()).filter((d) => d.online)).toHaveLength(3));

    const first = fleet.devices[0]!;
    const probe = await app.dispatch('discovery.probeSerial', { path: first.serialPath! });
    expect(probe).toMatchObject({ ok: true, value: { probe: 'found', listed: false } });
    expect(probe.ok && (probe.value as SerialPortStatus).deviceId).toBe(`mac:${first.mac.toLowerCase()}`);
    const added = await app.dispatch('discovery.addManual', { host: '127.0.0.1', port: first.port });
    expect(added).toMatchObject({ ok: true, value: { id: `mac:${first.mac.toLowerCase()}` } });

    const devices = await list();
    expect(devices).toHaveLength(3);
    expect(devices.find((d) => d.mac === first.mac.toLowerCase())).toMatchObject({
      family: 'tasmota',
      sources: ['manual', 'mqtt', 'serial'],
      online: true,
      firmware: first.version,
    });
    const detail = await app.dispatch('devices.get', { id: `mac:${first.mac.toLowerCase()}` });
    expect(
      detail.ok && (detail.value as DeviceDetail).endpoints.map((e) => e.endpoint.transport).sort(),
    ).toEqual(['http', 'mqtt', 'serial']);
  });

  it('shows a device offline with reason lwt-offline when its broker connection dies, and back on reconnect', async () => {
    const third = fleet.devices[2]!;
    const id = `mac:${third.mac.toLowerCase()}`;
    third.setFault({ kind: 'drop', afterMs: 0, forMs: 3_000 });
    await eventually(async () =>
      expect((await list()).find((d) => d.id === id)).toMatchObject({
        online: false,
        offlineReason: 'lwt-offline',
      }),
    );
    await eventually(
      async () => expect((await list()).find((d) => d.id === id)).toMatchObject({ online: true }),
      20_000,
    );
  });
});
