import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId, Endpoint } from '../../../../shared/domain/device';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase, type Db } from '../database';
import type { DeviceSighting } from '../../inventory/sighting-merge';
import { DeviceRepository } from './device-repository';

const MAC = 'a8032ab12345';
const ID = `mac:${MAC}` as DeviceId;
const http = (host: string, port = 80): Endpoint => ({ transport: 'http', host, port });
const mqtt: Endpoint = {
  transport: 'mqtt',
  brokerId: 'brk_site00001',
  topic: 'tasmota_B12345',
  fullTopic: '%prefix%/%topic%/',
};
const serial: Endpoint = { transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 };

function sighting(overrides: Partial<DeviceSighting> = {}): DeviceSighting {
  return {
    id: ID,
    family: 'tasmota',
    name: 'Hall plug',
    model: 'Sonoff Basic',
    product: 'Tasmota',
    generation: null,
    firmware: '13.4.0(release-tasmota)',
    mac: MAC,
    raw: { sw: '13.4.0' },
    source: 'mdns',
    endpoint: http('192.0.2.5'),
    at: 100,
    ...overrides,
  };
}

describe('DeviceRepository', () => {
  let db: Db;
  let repo: DeviceRepository;
  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    repo = new DeviceRepository(db);
  });

  it("answers a device's last identify reply alone, the same as its detail, and null for an unknown one", () => {
    repo.recordSighting(sighting());
    expect(repo.identifyPayload(ID)).toEqual({ sw: '13.4.0' });
    expect(repo.identifyPayload(ID)).toEqual(repo.detail(ID)!.raw);
    expect(repo.identifyPayload('mac:000000000000' as DeviceId)).toBeNull();
  });

  it('merges one device seen through mDNS, MQTT and serial into one record with three endpoints', () => {
    expect(repo.recordSighting(sighting()).change).toBe('new');
    expect(repo.recordSighting(sighting({ source: 'mqtt', endpoint: mqtt, at: 110 })).change).toBe(
      'came-online',
    );
    expect(repo.recordSighting(sighting({ source: 'serial', endpoint: serial, at: 120 })).change).toBe(
      'came-online',
    );
    expect(repo.list()).toHaveLength(1);
    const device = repo.get(ID)!;
    expect(device).toMatchObject({
      sources: ['mdns', 'mqtt', 'serial'],
      online: true,
      firmwareSemver: '13.4.0',
      address: '/dev/ttyUSB0',
    });
    expect(
      repo
        .endpoints(ID)
        .map((e) => e.label)
        .sort(),
    ).toEqual(['/dev/ttyUSB0', '192.0.2.5:80', 'tasmota_B12345 @ a broker no longer in Settings']);
  });

  it('follows an IP change on the same source and records it in the history', () => {
    repo.recordSighting(sighting());
    const moved = repo.recordSighting(sighting({ endpoint: http('192.0.2.9'), at: 200 }));
    expect(moved.change).toBe('address-changed');
    expect(moved.device.address).toBe('192.0.2.9:80');
    expect(repo.detail(ID)!.sightings[0]).toMatchObject({
      event: 'address-changed',
      detail: '192.0.2.5:80 → 192.0.2.9:80',
    });
    expect(repo.findByEndpoint('mdns', 'http', '192.0.2.5:80')).toBeNull();
    expect(repo.findByEndpoint('mdns', 'http', '192.0.2.9:80')).toBe(ID);
  });

  it('stays online while any endpoint is, and takes the reason of the last one lost', () => {
    repo.recordSighting(sighting());
    repo.recordSighting(sighting({ source: 'mqtt', endpoint: mqtt }));
    expect(repo.markEndpointOffline('mdns', 'http', '192.0.2.5:80', 'goodbye', 300)).toBeNull();
    expect(repo.get(ID)).toMatchObject({ online: true });
    const offline = repo.markEndpointOffline(
      'mqtt',
      'mqtt',
      'brk_site00001|tasmota_B12345',
      'lwt-offline',
      310,
    )!;
    expect(offline).toMatchObject({ online: false, offlineReason: 'lwt-offline' });
    expect(
      repo.markEndpointOffline('mqtt', 'mqtt', 'brk_site00001|tasmota_B12345', 'lwt-offline', 320),
    ).toBeNull();
  });

  it('hands an address over when another device answers there (DHCP reuse)', () => {
    repo.recordSighting(sighting());
    const other = 'mac:0011223344ff' as DeviceId;
    const { released } = repo.recordSighting(sighting({ id: other, mac: '0011223344ff', at: 400 }));
    expect(released.map((d) => d.id)).toEqual([ID]);
    expect(repo.get(ID)).toMatchObject({ online: false, offlineReason: 'unreachable' });
    expect(repo.findByEndpoint('mdns', 'http', '192.0.2.5:80')).toBe(other);
  });

  it('keeps technician edits across new sightings and shows the custom name', () => {
    repo.recordSighting(sighting());
    repo.update({
      id: ID,
      customName: 'Boiler room',
      tags: ['floor-2', 'pumps'],
      notes: 'behind panel',
      neverTouch: true,
    });
    repo.recordSighting(sighting({ name: 'tasmota-12345', firmware: '14.2.0(release-tasmota)', at: 500 }));
    expect(repo.get(ID)).toMatchObject({
      name: 'Boiler room',
      customName: 'Boiler room',
      firmware: '14.2.0(release-tasmota)',
      tags: ['floor-2', 'pumps'],
      neverTouch: true,
    });
    expect(repo.detail(ID)!.notes).toBe('behind panel');
    repo.update({ id: ID, customName: null });
    expect(repo.get(ID)!.name).toBe('tasmota-12345');
  });

  it('keeps the chip a device reported when a later sighting cannot tell it', () => {
    expect(repo.recordSighting(sighting()).device.chip).toBeNull();
    const told = repo.recordSighting(
      sighting({ source: 'serial', endpoint: serial, chip: 'ESP8266', at: 110 }),
    );
    expect(told.device.chip).toBe('ESP8266');
    // Tasmota's MQTT discovery config carries no chip.
    repo.recordSighting(sighting({ source: 'mqtt', endpoint: mqtt, chip: null, at: 120 }));
    repo.recordSighting(sighting({ at: 130 }));
    expect(repo.get(ID)!.chip).toBe('ESP8266');
    expect(repo.list()[0]!.chip).toBe('ESP8266');
  });

  it('reports a newly told chip as an update', () => {
    repo.recordSighting(sighting());
    expect(repo.recordSighting(sighting({ chip: 'ESP32-C3', at: 110 })).change).toBe('updated');
    expect(repo.recordSighting(sighting({ chip: 'ESP32-C3', at: 120 })).change).toBe('unchanged');
    expect(repo.recordSighting(sighting({ chip: null, at: 130 })).change).toBe('unchanged');
  });

  it('forgets devices with their endpoints and history; unknown ids are ignored', () => {
    repo.recordSighting(sighting());
    expect(repo.forget([ID, 'mac:000000000000' as DeviceId])).toEqual([ID]);
    expect(repo.list()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM endpoints').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM device_sightings').get()).toEqual({ n: 0 });
  });

  it('marks everything not-seen at start-up and keeps offline devices in the archive', () => {
    repo.recordSighting(sighting());
    repo.markAllNotSeen();
    expect(repo.list()).toMatchObject([{ id: ID, online: false, offlineReason: 'not-seen' }]);
  });

  it('records a device known only from a list as not seen yet, without an address', () => {
    const { device } = repo.recordSighting(
      sighting({ source: 'manual', endpoint: null, online: false, model: 'unknown' }),
    );
    expect(device).toMatchObject({ online: false, offlineReason: 'not-seen', address: null, sources: [] });
  });

  it('reads job targets for many devices at once: online state and endpoints best first, unknown ids left out', () => {
    const other = 'mac:a8032ab99999' as DeviceId;
    repo.recordSighting(sighting({ endpoint: http('192.0.2.5'), at: 100 }));
    repo.recordSighting(sighting({ source: 'mqtt', endpoint: mqtt, at: 120 }));
    repo.recordSighting(sighting({ id: other, mac: 'a8032ab99999', endpoint: http('192.0.2.9') }));
    repo.markEndpointOffline('mdns', 'http', '192.0.2.9:80', 'unreachable', 130);
    const targets = repo.jobTargets([ID, other, 'mac:000000000000' as DeviceId]);
    expect([...targets.keys()].sort()).toEqual([ID, other].sort());
    expect(targets.get(ID)).toEqual({
      family: 'tasmota',
      mac: MAC,
      model: 'Sonoff Basic',
      online: true,
      offlineReason: null,
      endpoints: [mqtt, http('192.0.2.5')],
    });
    expect(targets.get(other)).toMatchObject({
      online: false,
      offlineReason: 'unreachable',
      endpoints: [http('192.0.2.9')],
    });
    expect(repo.jobTarget(ID)).toEqual(targets.get(ID));
    expect(repo.jobTarget('mac:000000000000' as DeviceId)).toBeNull();
  });

  it('caps the sighting history per device', () => {
    for (let i = 0; i < 260; i++) {
      repo.recordSighting(sighting({ at: i }));
      repo.markEndpointOffline('mdns', 'http', '192.0.2.5:80', 'goodbye', i);
    }
    const n = (
      db.prepare('SELECT count(*) AS n FROM device_sightings WHERE device_id = ?').get(ID) as { n: number }
    ).n;
    expect(n).toBe(200);
  });
});

describe('DeviceRepository keeps the richer description', () => {
  it('does not flip between "14.2.0" and "14.2.0(release-tasmota)" or between a module name and "Template"', () => {
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    const repo = new DeviceRepository(db);
    repo.recordSighting(
      sighting({
        source: 'serial',
        endpoint: serial,
        firmware: '14.2.0(release-tasmota)',
        model: 'Template',
      }),
    );
    const fromMqtt = repo.recordSighting(
      sighting({ source: 'mqtt', endpoint: mqtt, firmware: '14.2.0', model: 'Athom Plug V2' }),
    );
    expect(fromMqtt.device).toMatchObject({ firmware: '14.2.0(release-tasmota)', model: 'Athom Plug V2' });
    const again = repo.recordSighting(
      sighting({
        source: 'serial',
        endpoint: serial,
        firmware: '14.2.0(release-tasmota)',
        model: 'Template',
        at: 200,
      }),
    );
    expect(again.change).toBe('unchanged');
    expect(again.device.model).toBe('Athom Plug V2');
    const upgraded = repo.recordSighting(
      sighting({ source: 'mqtt', endpoint: mqtt, firmware: '14.3.0', model: 'Athom Plug V2', at: 300 }),
    );
    expect(upgraded).toMatchObject({
      change: 'updated',
      device: { firmware: '14.3.0', firmwareSemver: '14.3.0' },
    });
    db.close();
  });
});
