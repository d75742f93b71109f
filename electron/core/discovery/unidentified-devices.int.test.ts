import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../../../simulator';
import type { DeviceId } from '../../../shared/domain/device';
import { silentLogger } from '../logging/json-logger';
import { createCoreHarness, type CoreHarness } from '../../../test-support/core/core-harness';
import { DiscoveryService } from './discovery-service';
import { LivenessMonitor } from './liveness-monitor';
import { MdnsBrowser } from './mdns-browser';
import { ManualSource } from './sources/manual-source';
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

describe('devices that answer but cannot be identified', () => {
  let fleet: ShellyFleet;
  let h: CoreHarness;
  let discovery: DiscoveryService;
  let browser: MdnsBrowser | null;

  beforeEach(() => {
    h = createCoreHarness();
    browser = null;
  });
  afterEach(async () => {
    await discovery.stop();
    await browser?.destroy();
    await fleet.stop();
    h.close();
  });

  const serviceWith = (sources: ConstructorParameters<typeof DiscoveryService>[0]['sources']) =>
    (discovery = new DiscoveryService({
      sources,
      drivers: h.drivers,
      devices: h.devices,
      events: h.events,
      clock: { now: () => Date.now() },
      logger: silentLogger,
    }));
  const unidentified = () => discovery.status().unidentified ?? [];
  const idOf = (i: number) => `mac:${fleet.devices[i]!.mac.toLowerCase()}` as DeviceId;

  it('lists an mDNS-announced device answering HTTP 500 with its address and reason, until it answers', async () => {
    fleet = await startShellyFleet({ count: 2, seed: 31, faults: { 1: 'http-500' } });
    browser = new MdnsBrowser({ requireLoopbackOnly: true, logger: silentLogger });
    const { drivers } = h;
    serviceWith([
      new MdnsSource({
        browser,
        serviceTypes: drivers.mdnsServiceTypes(),
        endpointOf: (service) => drivers.forService(service)?.endpointFor(service) ?? null,
      }),
    ]);
    await discovery.start();
    const broken = fleet.devices[1]!;
    await eventually(() => expect(unidentified()).toHaveLength(1));
    expect(unidentified()[0]).toMatchObject({
      source: 'mdns',
      address: `${broken.host}:${broken.port}`,
      deviceId: null,
      reason: expect.stringContaining('HTTP 500') as unknown,
    });
    expect(unidentified()[0]!.announcedAs?.toLowerCase()).toContain(broken.mac.toLowerCase().slice(-6));
    await eventually(() => expect(h.devices.get(idOf(0))?.online).toBe(true));
    expect(h.devices.get(idOf(1))).toBeNull();

    broken.setFault(null);
    await eventually(() => expect(h.devices.get(idOf(1))?.online).toBe(true));
    expect(unidentified()).toEqual([]);
  });

  it('keeps a known device answering HTTP 500 online and listed; only silence takes it offline', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 32, mdns: false });
    serviceWith([]);
    const monitor = new LivenessMonitor({
      devices: h.devices,
      drivers: h.drivers,
      listener: () => discovery.sightingListener,
      logger: silentLogger,
      timeoutMs: 500,
    });
    const d = fleet.devices[0]!;
    const endpoint = { transport: 'http' as const, host: d.host, port: d.port };
    const device = await h.drivers
      .get('shelly')!
      .identify(endpoint, { signal: new AbortController().signal });
    await discovery.record({ source: 'mdns', endpoint, device });

    d.setFault('http-500');
    await monitor.checkNow();
    discovery.flush();
    expect(h.devices.get(idOf(0))).toMatchObject({ online: true, offlineReason: null });
    expect(unidentified()).toMatchObject([
      { source: 'mdns', deviceId: idOf(0), reason: expect.stringContaining('HTTP 500') as unknown },
    ]);

    d.setFault(null);
    await monitor.checkNow();
    discovery.flush();
    expect(unidentified()).toEqual([]);

    d.setFault({ kind: 'offline', mode: 'refuse' });
    await monitor.checkNow();
    discovery.flush();
    expect(h.devices.get(idOf(0))).toMatchObject({ online: false, offlineReason: 'unreachable' });
    d.setFault(null);
  });

  it('lists an added address that starts answering HTTP 500 instead of calling it offline', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 33, mdns: false });
    const d = fleet.devices[0]!;
    const manual = new ManualSource({
      drivers: h.drivers,
      ids: { next: (p) => `${p}_aaaaaaaa` },
      knownEndpoints: () => [{ transport: 'http', host: d.host, port: d.port }],
      checkIntervalMs: 3_600_000,
    });
    serviceWith([manual]);
    await discovery.start();
    await manual.add(d.host, d.port);
    await eventually(() => expect(h.devices.get(idOf(0))?.online).toBe(true));

    await manual.checkNow(); // the pass begun at start, which shares checkNow() while it runs
    d.setFault('http-500');
    await manual.checkNow();
    await eventually(() => expect(unidentified()).toHaveLength(1));
    expect(unidentified()[0]).toMatchObject({ source: 'manual', address: `${d.host}:${d.port}` });
    discovery.flush();
    expect(h.devices.get(idOf(0))).toMatchObject({ online: true });
    d.setFault(null);
  });
});
