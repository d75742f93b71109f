import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BrokerStartSchema } from '../../../shared/domain/broker';
import { createCoreHarness } from '../../../test-support/core/core-harness';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { MdnsBrowser, type BrowsedService } from '../discovery/mdns-browser';
import { silentLogger } from '../logging/json-logger';
import { FileSecretStore } from '../secrets/file-secret-store';
import { KeyFileCipher } from '../secrets/key-file-cipher';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { BrokerAnnouncer } from './broker-announcer';
import { BrokerService, EMBEDDED_BROKER_ID } from './broker-service';
import { BrokerSettings } from './broker-settings';

const HOST = '127.0.0.1';
const onlyLoopback = Object.values(networkInterfaces())
  .flat()
  .every((a) => a!.internal);

describe.skipIf(!onlyLoopback)('BrokerService (run inside scripts/netns.sh)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  function serviceOn(db = createCoreHarness([]).db, secretsFile = `s-${Math.random()}`) {
    const secrets = new FileSecretStore(
      join(dir.path, `${secretsFile}.json`),
      new KeyFileCipher(join(dir.path, `${secretsFile}.key`)),
    );
    const settings = new BrokerSettings({
      settings: new SettingsRepository(db),
      secrets,
      interfaces: networkInterfaces,
    });
    const announcer = new BrokerAnnouncer({
      logger: silentLogger,
      requireLoopbackOnly: true,
      hostName: 'fieldbatch-test',
    });
    const service = new BrokerService({ settings, announcer, logger: silentLogger });
    cleanup.push(() => service.shutdown());
    return { service, db, secretsFile, secrets };
  }

  it('runs on the chosen address, is announced as _mqtt._tcp with its port and address, and withdraws on stop', async () => {
    const { service } = serviceOn();
    const browser = new MdnsBrowser({ requireLoopbackOnly: true, logger: silentLogger });
    cleanup.push(() => browser.destroy());
    const up: BrowsedService[] = [];
    const down: string[] = [];
    browser.browse('mqtt', {
      up: (s) => up.push(s),
      down: (_s, why) => down.push(why),
      error: () => undefined,
    });

    const status = await service.start({ interfaceAddress: HOST, username: 'site', password: 'tasmota-42' });
    expect(status).toMatchObject({
      state: 'running',
      interfaceAddress: HOST,
      username: 'site',
      hasPassword: true,
    });
    expect(status.announced).toBe(true);
    await vi.waitFor(
      () => expect(up.at(-1)).toMatchObject({ type: 'mqtt', port: status.port, address: HOST }),
      {
        timeout: 5_000,
      },
    );
    expect(up.at(-1)?.name).toBe('Fieldbatch broker on fieldbatch-test');
    expect(service.clientConfig()).toMatchObject({
      id: EMBEDDED_BROKER_ID,
      url: `mqtt://${HOST}:${status.port}`,
    });

    const stopped = await service.stop();
    expect(stopped).toMatchObject({
      state: 'stopped',
      announced: false,
      deviceCount: 0,
      startsWithApp: false,
    });
    expect(service.clientConfig()).toBeNull();
    await vi.waitFor(() => expect(down).toEqual(['goodbye']), { timeout: 5_000 });
  });

  it('takes 1883 when free, else a free port and says which; an explicit port that is taken is refused', async () => {
    const squatter: Server = createServer();
    const has1883 = await new Promise<boolean>((resolve) => {
      squatter.once('error', () => resolve(false));
      squatter.listen(1883, HOST, () => resolve(true));
    });
    cleanup.push(() => new Promise((resolve) => (has1883 ? squatter.close(resolve) : resolve(null))));
    const { service } = serviceOn();
    const moved = await service.start({ interfaceAddress: HOST, username: 'site', password: 'tasmota-42' });
    expect(moved.state).toBe('running');
    expect(moved.port).not.toBe(1883);
    expect(moved.note).toBe(
      `port 1883 was taken by another program, so the broker uses port ${moved.port}: give devices this port`,
    );
    await expect(
      service.start({ interfaceAddress: HOST, port: 1883, username: 'site', password: 'tasmota-42' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^port 1883 on 127.0.0.1 is already in use/),
    });
    expect(await service.status()).toMatchObject({
      state: 'error',
      lastError: expect.stringMatching(/already in use/),
    });

    await new Promise((resolve) => squatter.close(resolve));
    // Devices were told the moved port: a restart without a port keeps it; 1883 only when asked for.
    const again = await service.start({ interfaceAddress: HOST, username: 'site' });
    expect(again).toMatchObject({ state: 'running', port: moved.port, note: null });
    const plain = await service.start({ interfaceAddress: HOST, port: 1883, username: 'site' });
    expect(plain).toMatchObject({ state: 'running', port: 1883, note: null });
  });

  it('comes back with the app on the same port and password if it was running, not if it was stopped', async () => {
    const first = serviceOn();
    const running = await first.service.start({
      interfaceAddress: HOST,
      username: 'site',
      password: 'tasmota-42',
    });
    await first.service.shutdown();

    const second = serviceOn(first.db, first.secretsFile);
    await second.service.restore();
    expect(await second.service.status()).toMatchObject({
      state: 'running',
      port: running.port,
      startsWithApp: true,
    });
    const device = mqtt.connect({
      host: HOST,
      port: running.port!,
      username: 'site',
      password: 'tasmota-42',
      reconnectPeriod: 0,
    });
    cleanup.push(() => device.endAsync(true));
    await new Promise((resolve, reject) => (device.once('connect', resolve), device.once('error', reject)));
    await vi.waitFor(async () => expect((await second.service.status()).deviceCount).toBe(1));
    await second.service.stop();

    const third = serviceOn(first.db, first.secretsFile);
    await third.service.restore();
    expect(await third.service.status()).toMatchObject({
      state: 'stopped',
      startsWithApp: false,
      port: running.port,
    });
  });

  it('refuses bad input in plain words and changes nothing', async () => {
    const { service } = serviceOn();
    await expect(
      service.start({ interfaceAddress: '198.51.100.9', username: 'site', password: 'tasmota-42' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'no network interface of this computer has the address 198.51.100.9: pick one from the list',
    });
    await expect(service.start({ interfaceAddress: HOST, username: 'site' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'the broker needs a password: type one devices will log in with',
    });
    expect(await service.status()).toMatchObject({ state: 'stopped', hasPassword: false, port: null });
    const bad = (input: unknown) => BrokerStartSchema.safeParse(input).error?.issues.map((i) => i.message);
    expect(bad({ interfaceAddress: 'eth0', username: 'site', password: 'tasmota-42' })).toEqual([
      expect.stringMatching(/^expected an IPv4 address such as \d/),
    ]);
    expect(bad({ interfaceAddress: HOST, username: 'my site', password: 'short' })).toEqual([
      'the user name may not contain spaces or ";"',
      'the password needs at least 8 characters',
    ]);
    expect(bad({ interfaceAddress: HOST, username: 'a'.repeat(33), password: 'x;y-long-enough' })).toEqual([
      'the user name is longer than 32 characters (Tasmota keeps 32)',
      'the password may not contain spaces or ";"',
    ]);
    expect(bad({ interfaceAddress: HOST, port: 70_000, username: '1', password: 'tasmota-42' })).toHaveLength(
      2,
    );
  });
});
