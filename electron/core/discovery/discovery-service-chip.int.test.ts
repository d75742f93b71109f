import { describe, expect, it } from 'vitest';
import type { DeviceId, Endpoint } from '../../../shared/domain/device';
import type { IdentifiedDevice } from '../drivers/device-driver';
import { DriverRegistry } from '../drivers/driver-registry';
import { silentLogger } from '../logging/json-logger';
import { openDatabase } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import type { DiscoverySource, SightingListener } from './discovery-source';
import { DiscoveryService } from './discovery-service';

/** A source the test drives by hand: it reports what the test tells it to. */
class HandSource implements DiscoverySource {
  readonly kind = 'mqtt';
  listener: SightingListener | null = null;
  async start(listener: SightingListener) {
    this.listener = listener;
  }
  async stop() {
    this.listener = null;
  }
  state() {
    return { state: 'running' as const, lastError: null };
  }
}

const ID = 'mac:a4cf12000001' as DeviceId;
const porch = (chip: string | null | undefined, firmware = '14.2.0'): IdentifiedDevice => ({
  id: ID,
  family: 'tasmota',
  name: 'Porch',
  model: 'Sonoff Basic',
  product: 'Tasmota',
  generation: null,
  firmware,
  mac: 'a4cf12000001',
  ...(chip === undefined ? {} : { chip }),
  raw: {},
});
const mqtt: Endpoint = {
  transport: 'mqtt',
  brokerId: 'brk_site00001',
  topic: 'porch',
  fullTopic: '%prefix%/%topic%/',
};
const serial: Endpoint = { transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 };

describe('discovery and the chip', () => {
  it('stores the chip an identification reports and keeps it through sightings that do not know it', async () => {
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    const devices = new DeviceRepository(db);
    const source = new HandSource();
    const service = new DiscoveryService({
      sources: [source],
      drivers: new DriverRegistry([]),
      devices,
      events: new RecordingSink(),
      clock: { now: () => 1_000 },
      logger: silentLogger,
      writeBatchMs: 0,
    });
    await service.start();
    const seen = (device: IdentifiedDevice, endpoint: Endpoint) =>
      source.listener!.seen({ kind: 'identified', source: 'mqtt', endpoint, device });
    await seen(porch(undefined), mqtt);
    expect(devices.get(ID)!.chip).toBeNull();
    await seen(porch('ESP8266'), serial);
    expect(devices.get(ID)!.chip).toBe('ESP8266');
    await seen(porch(null, '14.3.0'), mqtt);
    expect(devices.get(ID)).toMatchObject({ chip: 'ESP8266', firmware: '14.3.0' });
    await service.stop();
    db.close();
  });
});
