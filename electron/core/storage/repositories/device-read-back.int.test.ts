import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId, DiscoverySourceKind, Endpoint } from '../../../../shared/domain/device';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase, type Db } from '../database';
import { DeviceRepository } from './device-repository';

const MAC = 'a8032ab12345';
const ID = `mac:${MAC}` as DeviceId;

describe('DeviceRepository.recordReadBack', () => {
  let db: Db;
  let repo: DeviceRepository;
  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    repo = new DeviceRepository(db);
  });

  const add = (source: DiscoverySourceKind, endpoint: Endpoint | null, online = true) =>
    repo.recordSighting({
      id: ID,
      family: 'tasmota',
      name: 'Hall plug',
      model: 'Sonoff Basic',
      product: 'Tasmota',
      generation: null,
      firmware: '14.2.0(release-tasmota)',
      mac: MAC,
      chip: 'ESP8266',
      raw: {},
      source,
      endpoint,
      at: 100,
      online,
    });

  it.each<[string, DiscoverySourceKind, Endpoint | null]>([
    ['an address', 'manual', { transport: 'http', host: '192.0.2.5', port: 80 }],
    ['a CSV row not reached yet', 'manual', null],
    ['MQTT', 'mqtt', { transport: 'mqtt', brokerId: 'b', topic: 't', fullTopic: '%prefix%/%topic%/' }],
    ['a serial port', 'serial', { transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 }],
  ])('writes version and name for a device found through %s', (_how, source, endpoint) => {
    add(source, endpoint, endpoint !== null);
    const changed = repo.recordReadBack(
      ID,
      { firmware: '14.4.0(release-tasmota)', name: 'Hall', chip: null, raw: { Version: '14.4.0' } },
      200,
    );
    expect(changed).toMatchObject({ firmware: '14.4.0(release-tasmota)', firmwareSemver: '14.4.0' });
    expect(repo.get(ID)).toMatchObject({ name: 'Hall', chip: 'ESP8266', lastSeenAt: 200 });
  });

  it('keeps the longer spelling of the same version and reports no change', () => {
    add('mqtt', null, false);
    expect(repo.recordReadBack(ID, { firmware: '14.2.0', name: 'Hall plug', raw: {} }, 200)).toBeNull();
    expect(repo.get(ID)!.firmware).toBe('14.2.0(release-tasmota)');
  });

  it('takes a chip the device now reports, and ignores an unknown device', () => {
    add('manual', null, false);
    expect(
      repo.recordReadBack(ID, { firmware: '14.2.0', name: 'Hall plug', chip: 'ESP8285', raw: {} }, 200),
    ).toMatchObject({ chip: 'ESP8285' });
    expect(
      repo.recordReadBack('mac:000000000001' as DeviceId, { firmware: '1', name: null, raw: {} }, 1),
    ).toBe(null);
  });
});
