import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../../../simulator';
import { silentLogger } from '../logging/json-logger';
import { createCoreHarness } from '../test-support/core-harness';
import { DiscoveryService } from './discovery-service';
import { LivenessMonitor } from './liveness-monitor';

describe('LivenessMonitor', () => {
  let fleet: ShellyFleet;
  beforeAll(async () => {
    fleet = await startShellyFleet({ count: 2, seed: 95, mdns: false });
  });
  afterAll(() => fleet.stop());

  it('takes a silent device offline with reason timeout and brings a manual one back when it answers', async () => {
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
      const device = await h.drivers
        .get('shelly')!
        .identify(
          { transport: 'http', host: d.host, port: d.port },
          { signal: new AbortController().signal },
        );
      await discovery.record({
        source: 'manual',
        endpoint: { transport: 'http', host: d.host, port: d.port },
        device,
      });
    }
    const idA = `mac:${a!.mac.toLowerCase()}` as never;
    a!.setFault('hang');
    await monitor.checkNow();
    discovery.flush();
    expect(h.devices.get(idA)).toMatchObject({ online: false, offlineReason: 'timeout' });
    expect(h.devices.get(`mac:${b!.mac.toLowerCase()}` as never)).toMatchObject({ online: true });
    a!.setFault(null);
    await monitor.checkNow();
    discovery.flush();
    expect(h.devices.get(idA)).toMatchObject({ online: true, offlineReason: null });
    h.close();
  });
});
