import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../secrets/file-secret-store';
import { KeyFileCipher } from '../secrets/key-file-cipher';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { createCoreHarness } from '../test-support/core-harness';
import { makeTempDir } from '../test-support/temp-dir';
import { DiscoverySettingsService, type ResolvedBroker } from './discovery-settings-service';

const NICS = {
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  eth1: [{ address: '198.18.0.7', family: 'IPv4', internal: false }],
} as unknown as NodeJS.Dict<NetworkInterfaceInfo[]>;

describe('DiscoverySettingsService', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('persists settings, applies each change once, and keeps broker passwords out of the settings', async () => {
    const h = createCoreHarness([]);
    const secrets = new FileSecretStore(join(dir.path, 's.json'), new KeyFileCipher(join(dir.path, 's.key')));
    const service = new DiscoverySettingsService({
      settings: new SettingsRepository(h.db),
      secrets,
      ids: h.ids,
      clock: h.clock,
      interfaces: () => NICS,
    });
    const applied: string[] = [];
    let brokers: ResolvedBroker[] = [];
    await service.attach({
      mdns: async (o) => void applied.push(`mdns ${o.enabled} ${o.interfaceAddress}`),
      mqtt: async (o) => {
        brokers = o.brokers;
        applied.push(`mqtt ${o.brokers.length} ${o.fullTopicPatterns.join()}`);
      },
      serial: (o) => void applied.push(`serial ${o.autoProbe}`),
    });
    expect(applied).toEqual(['mdns true undefined', 'mqtt 0 ', 'serial false']);

    await service.update({ mdnsInterface: 'eth1' });
    await expect(service.update({ mdnsInterface: 'wlan9' })).rejects.toThrow(/no network interface "wlan9"/);
    const broker = await service.saveBroker({
      url: 'mqtts://broker.site:8883',
      username: 'tech',
      password: 'canary-Secr3t',
      caPem: null,
      enabled: true,
    });
    expect(broker).toMatchObject({ hasPassword: true, username: 'tech' });
    expect(JSON.stringify(service.get())).not.toContain('canary-Secr3t');
    expect(JSON.stringify(h.db.prepare('SELECT * FROM brokers').all())).not.toContain('canary-Secr3t');
    expect(brokers[0]).toMatchObject({ url: 'mqtts://broker.site:8883', password: 'canary-Secr3t' });
    await service.saveBroker({
      id: broker.id,
      url: 'mqtts://broker.site:8883',
      username: 'tech',
      caPem: null,
      enabled: false,
    });
    expect(brokers[0]).toMatchObject({ enabled: false, password: 'canary-Secr3t' });
    await service.update({ fullTopicPatterns: ['%prefix%/site/%topic%/'], serialAutoProbe: true });
    expect(applied.slice(3)).toEqual([
      'mdns true 198.18.0.7',
      'mqtt 1 ',
      'mqtt 1 ',
      'mqtt 1 %prefix%/site/%topic%/',
      'serial true',
    ]);
    expect(service.get()).toMatchObject({
      mdnsInterface: 'eth1',
      serialAutoProbe: true,
      fullTopicPatterns: ['%prefix%/site/%topic%/'],
    });
    expect(await service.removeBroker(broker.id)).toBe(true);
    expect(await secrets.get(`broker:${broker.id}:password`)).toBeNull();
    expect(service.listInterfaces()).toEqual([
      { name: 'lo', addresses: ['127.0.0.1'], internal: true },
      { name: 'eth1', addresses: ['198.18.0.7'], internal: false },
    ]);
    h.close();
  });
});
