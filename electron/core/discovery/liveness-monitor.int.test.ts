import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../../../simulator';
import { silentLogger } from '../logging/json-logger';
import { createCoreHarness } from '../../../test-support/core/core-harness';
import { DiscoveryService } from './discovery-service';
import { LivenessMonitor } from './liveness-monitor';

describe('LivenessMonitor', () => {
  let fleet: ShellyFleet;
  beforeAll(async () => {
    fleet = await startShellyFleet({ count: 2, seed: 95, mdns: false });
  });
  afterAll(() => fleet.stop());

  it('takes an mDNS device that stopped answering (no goodbye) offline with reason timeout', async () => {
    const h = createCoreHarness();
    const discovery = new DiscoveryService({
      sources: [],
      drivers: h.drivers,
      devices: h.devices,
      events: h.events,
      clock: h.clock,
      logger: silentLogger,
    });
    const monitor = new LivenessMonitor({
      devices: h.devices,
      drivers: h.drivers,
      listener: () => discovery.sightingListener,
      logger: silentLogger,
      timeoutMs: 500,
    });
    const [a, b] = fleet.devices;
    for (const d of [a!, b!]) {
      const endpoint = { transport: 'http' as const, host: d.host, port: d.port };
      const device = await h.drivers
        .get('shelly')!
        .identify(endpoint, { signal: new AbortController().signal });
      await discovery.record({ source: 'mdns', endpoint, device });
    }
    a!.setFault('hang');
    try {
      await monitor.checkNow();
      discovery.flush();
      expect(h.devices.get(`mac:${a!.mac.toLowerCase()}` as never)).toMatchObject({
        online: false,
        offlineReason: 'timeout',
      });
      expect(h.devices.get(`mac:${b!.mac.toLowerCase()}` as never)).toMatchObject({ online: true });
    } finally {
      a!.setFault(null);
      h.close();
    }
  });
});
