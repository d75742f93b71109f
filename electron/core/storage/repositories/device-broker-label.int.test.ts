import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../../shared/domain/device';
import type { BrokerId } from '../../../../shared/domain/settings';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../database';
import { DeviceRepository } from './device-repository';
import { SettingsRepository } from './settings-repository';

const ID = 'mac:a8032ab12345' as DeviceId;

describe('an MQTT device’s address', () => {
  it('names the broker by its name and host, never by its id nor the credentials in its URL', () => {
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    new SettingsRepository(db).saveBroker(
      {
        id: 'brk_site00001' as BrokerId,
        name: 'Site broker',
        url: 'mqtt://tech:s3cret@192.0.2.5:1883',
        username: null,
        hasPassword: false,
        caPem: null,
        enabled: true,
      },
      1,
    );
    const repo = new DeviceRepository(db);
    repo.recordSighting({
      id: ID,
      family: 'tasmota',
      name: 'Hall Plug',
      model: 'Sonoff Basic',
      product: 'Tasmota',
      generation: null,
      firmware: '14.4.0',
      mac: 'a8032ab12345',
      raw: {},
      source: 'mqtt',
      endpoint: {
        transport: 'mqtt',
        brokerId: 'brk_site00001',
        topic: 'hall',
        fullTopic: '%prefix%/%topic%/',
      },
      at: 100,
    });
    expect(repo.get(ID)!.address).toBe('hall @ Site broker (192.0.2.5:1883)');
    expect(repo.list()[0]!.address).toBe('hall @ Site broker (192.0.2.5:1883)');
    expect(repo.endpoints(ID).map((e) => e.label)).toEqual(['hall @ Site broker (192.0.2.5:1883)']);
    expect(repo.detail(ID)!.sightings[0]!.detail).toBe('hall @ Site broker (192.0.2.5:1883)');
  });
});
