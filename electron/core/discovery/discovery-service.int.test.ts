import { Bonjour } from 'bonjour-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../../../simulator';
import { DriverRegistry } from '../drivers/driver-registry';
import { ShellyDriver } from '../drivers/shelly/shelly-driver';
import { ShellyRpcClient } from '../drivers/shelly/shelly-rpc-client';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import { HttpClient } from '../transport/http-client';
import { DiscoveryService } from './discovery-service';
import { MdnsBrowser } from './mdns-browser';
import { MdnsSource } from './sources/mdns-source';

async function eventually(check: () => void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('DiscoveryService over mDNS against the simulated fleet', () => {
  let db: Db;
  let devices: DeviceRepository;
  let browser: MdnsBrowser;
  let service: DiscoveryService;
  let sink: RecordingSink;
  let fleet: ShellyFleet;

  beforeEach(async () => {
    fleet = await startShellyFleet({ count: 6, seed: 77, bootTimeMs: 1_000, faults: { 5: 'garbage' } });
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => Date.now() });
    devices = new DeviceRepository(db);
    sink = new RecordingSink();
    const drivers = new DriverRegistry([
      new ShellyDriver({
        rpc: new ShellyRpcClient(new HttpClient({ timeoutMs: 2_000, maxBodyBytes: 1 << 20 })),
        clock: { now: () => Date.now() },
      }),
    ]);
    browser = new MdnsBrowser({ requireLoopbackOnly: true, logger: silentLogger });
    service = new DiscoveryService({
      sources: [
        new MdnsSource({
          browser,
          serviceTypes: drivers.mdnsServiceTypes(),
          endpointOf: (service) => drivers.forService(service)?.endpointFor(service) ?? null,
        }),
      ],
      drivers,
      devices,
      events: sink,
      clock: { now: () => Date.now() },
      logger: silentLogger,
    });
  });

  afterEach(async () => {
    await service.stop();
    await browser.destroy();
    await fleet.stop();
    db.close();
  });

  const idOf = (i: number) => `mac:${fleet.devices[i]!.mac.toLowerCase()}`;

  it('confirms each announced device with its driver and stores it by MAC with its endpoint', async () => {
    await service.start();
    await eventually(() => expect(devices.list().filter((d) => d.online)).toHaveLength(5));
    for (let i = 0; i < 5; i++) {
      const d = fleet.devices[i]!;
      expect(devices.get(idOf(i) as never)).toMatchObject({
        model: d.model,
        firmware: d.ver,
        address: `127.0.0.1:${d.port}`,
        online: true,
        sources: ['mdns'],
      });
    }
    // The device answering garbage was announced but never confirmed, so it is not in the inventory.
    expect(devices.get(idOf(5) as never)).toBeNull();
    expect(service.status().sources).toEqual([
      { kind: 'mdns', state: 'running', lastError: null, deviceCount: 5 },
    ]);
    const announced = new Set(sink.of('devices.updated').flatMap((p) => p.devices.map((d) => d.id)));
    expect(announced.size).toBe(5);
  });

  it('shows a rebooting device offline on its goodbye and online again when it re-announces', async () => {
    await service.start();
    await eventually(() => expect(devices.get(idOf(0) as never)?.online).toBe(true));
    const reply = await fetch(`http://127.0.0.1:${fleet.devices[0]!.port}/rpc`, {
      method: 'POST',
      body: JSON.stringify({ id: 1, src: 'test', method: 'Shelly.Reboot' }),
    });
    expect(reply.status).toBe(200);
    await eventually(() =>
      expect(devices.get(idOf(0) as never)).toMatchObject({ online: false, offlineReason: 'goodbye' }),
    );
    await eventually(() =>
      expect(devices.get(idOf(0) as never)).toMatchObject({ online: true, offlineReason: null }),
    );
    const states = sink
      .of('devices.updated')
      .flatMap((p) => p.devices.filter((d) => d.id === idOf(0)).map((d) => d.online));
    expect(states).toEqual([true, false, true]);
  });

  it('retries a confirmation that failed, without waiting for a new announcement', async () => {
    await service.start();
    await eventually(() => expect(devices.list().filter((d) => d.online)).toHaveLength(5));
    expect(devices.get(idOf(5) as never)).toBeNull();
    fleet.devices[5]!.setFault(null);
    await eventually(() => expect(devices.get(idOf(5) as never)).toMatchObject({ online: true }), 20_000);
  });

  it('ignores web services no driver recognises', async () => {
    const other = new Bonjour();
    other.publish({
      name: 'Office Printer',
      type: 'http',
      port: 9,
      host: 'printer.local',
      probe: false,
      txt: { model: 'x' },
    });
    try {
      await service.start();
      await eventually(() => expect(devices.list().filter((d) => d.online)).toHaveLength(5));
      expect(devices.list().some((d) => d.model === 'x')).toBe(false);
    } finally {
      await new Promise<void>((resolve) => other.unpublishAll(() => other.destroy(() => resolve())));
    }
  });

  it('starts with every stored device offline until it is seen again', async () => {
    await service.start();
    await eventually(() => expect(devices.list().filter((d) => d.online)).toHaveLength(5));
    await service.stop();
    const restarted = new DiscoveryService({
      sources: [],
      drivers: new DriverRegistry([]),
      devices,
      events: sink,
      clock: { now: () => Date.now() },
      logger: silentLogger,
    });
    await restarted.start();
    expect(devices.list().every((d) => !d.online && d.offlineReason === 'not-seen')).toBe(true);
    await restarted.stop();
  });
});
