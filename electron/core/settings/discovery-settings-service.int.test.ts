import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../secrets/file-secret-store';
import { KeyFileCipher } from '../secrets/key-file-cipher';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { createCoreHarness } from '../../../test-support/core/core-harness';
import { makeTempDir } from '../../../test-support/core/temp-dir';
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

  it('takes user:password@ out of a broker URL: the user to its field, the password to the secret store', async () => {
    const h = createCoreHarness([]);
    const secrets = new FileSecretStore(join(dir.path, 'u.json'), new KeyFileCipher(join(dir.path, 'u.key')));
    const service = new DiscoverySettingsService({
      settings: new SettingsRepository(h.db),
      secrets,
      ids: h.ids,
      clock: h.clock,
      interfaces: () => NICS,
    });
    let brokers: ResolvedBroker[] = [];
    await service.attach({
      mdns: async () => undefined,
      mqtt: async (o) => void (brokers = o.brokers),
      serial: () => undefined,
    });
    const saved = await service.saveBroker({
      url: 'mqtt://tech:canary-%3Apw@192.0.2.5:1883',
      username: null,
      caPem: null,
      enabled: true,
    });
    expect(saved).toMatchObject({
      name: '192.0.2.5:1883',
      url: 'mqtt://192.0.2.5:1883',
      username: 'tech',
      hasPassword: true,
    });
    for (const shown of [saved, service.get(), h.db.prepare('SELECT * FROM brokers').all()]) {
      expect(JSON.stringify(shown)).not.toMatch(/canary|tech:/);
    }
    expect(await secrets.get(`broker:${saved.id}:password`)).toBe('canary-:pw');
    expect(brokers[0]).toMatchObject({
      url: 'mqtt://192.0.2.5:1883',
      username: 'tech',
      password: 'canary-:pw',
    });

    const named = await service.saveBroker({
      id: saved.id,
      name: 'Site broker',
      url: 'mqtt://192.0.2.5:1883',
      username: 'tech',
      caPem: null,
      enabled: true,
    });
    expect(named).toMatchObject({ name: 'Site broker', hasPassword: true });
    await expect(
      service.saveBroker({ url: 'mqtt://ops@192.0.2.5', username: 'tech', caPem: null, enabled: true }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/user "ops" .*"tech": keep one/),
    });
    await expect(
      service.saveBroker({
        url: 'mqtt://a:b@192.0.2.5',
        username: null,
        password: 'c',
        caPem: null,
        enabled: true,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(service.get().brokers).toHaveLength(1);
    h.close();
  });
});
