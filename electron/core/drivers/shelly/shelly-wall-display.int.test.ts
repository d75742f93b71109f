import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../../../../simulator';
import { MdnsBrowser, type BrowsedService } from '../../discovery/mdns-browser';
import { silentLogger } from '../../logging/json-logger';
import { FakeStepServices } from '../../../../test-support/core/fake-step-services';
import {
  makeDriver,
  targetOf,
  type TestDriver,
} from '../../../../test-support/drivers/shelly/shelly-test-kit';

/**
 * The app against a simulated Shelly Wall Display, whose mDNS packets carry the TXT before the PTR
 * (fixtures/real-devices/mdns/shelly-wall-display-2.6.2.json) and whose HTTP challenge carries `opaque=""`
 * (fixtures/real-devices/shelly-auth/wall-display-2.5.8-http.json): found, identified and logged in to.
 */
const PASSWORD = 'wall-Zq81';
let fleet: ShellyFleet;
let browser: MdnsBrowser;
let t: TestDriver;

beforeAll(async () => {
  fleet = await startShellyFleet({
    count: 1,
    seed: 9,
    bootTimeMs: 100,
    models: { 0: 'WallDisplay' },
    auth: { password: PASSWORD },
  });
  browser = new MdnsBrowser({ requireLoopbackOnly: true, logger: silentLogger });
  t = makeDriver();
});
afterAll(async () => {
  await browser?.destroy();
  t?.http.close();
  await fleet?.stop();
});

describe('a Shelly Wall Display', () => {
  it('is browsed on _shelly._tcp, identified and logged in to with the opaque echoed', async () => {
    const device = fleet.devices[0];
    const service = await new Promise<BrowsedService>((resolve, reject) =>
      browser.browse('shelly', {
        up: (s) => s.name === device.id && resolve(s),
        down: () => undefined,
        error: reject,
      }),
    );
    expect(service).toMatchObject({ port: device.port, txt: { app: 'WallDisplay', gen: '2' } });
    const endpoint = t.driver.endpointFor({ ...service, host: service.address });
    const identified = await t.driver.identify(endpoint, { signal: AbortSignal.timeout(5_000) });
    expect(identified).toMatchObject({ model: 'SAWD-0A1XX10EU1', product: 'WallDisplay', generation: 2 });
    const services = new FakeStepServices({ siteCredentials: { username: 'admin', password: PASSWORD } });
    const state = await t.driver.readState(targetOf(device), {
      signal: AbortSignal.timeout(5_000),
      services,
    });
    expect(state.firmware).toBe('2.6.2');
    expect(t.authEvents.map((e) => e.kind)).toEqual(['challenged']);
  });
});
