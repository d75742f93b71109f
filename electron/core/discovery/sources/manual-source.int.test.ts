import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../../shared/domain/device';
import { ScanRequestSchema, type ScanId } from '../../../../shared/domain/discovery';
import { startShellyFleet, type ShellyFleet } from '../../../../simulator';
import { FakeDriver } from '../../../../test-support/drivers/fake/fake-driver';
import { DomainError } from '../../errors';
import { silentLogger } from '../../logging/json-logger';
import { createCoreHarness, type CoreHarness } from '../../../../test-support/core/core-harness';
import { DiscoveryService } from '../discovery-service';
import { ManualSource } from './manual-source';

describe('ManualSource against the simulated fleet', () => {
  let fleet: ShellyFleet;
  let h: CoreHarness;
  let manual: ManualSource;
  let discovery: DiscoveryService;
  beforeAll(async () => {
    fleet = await startShellyFleet({ count: 4, seed: 91, bootTimeMs: 500, mdns: false });
  });
  afterAll(() => fleet.stop());
  beforeEach(async () => {
    h = createCoreHarness();
    manual = new ManualSource({ drivers: h.drivers, ids: h.ids, knownEndpoints: () => [] });
    discovery = new DiscoveryService({
      sources: [manual],
      drivers: h.drivers,
      devices: h.devices,
      events: h.events,
      clock: h.clock,
      logger: silentLogger,
    });
    await discovery.start();
  });
  afterEach(async () => {
    await discovery.stop();
    h.close();
  });

  it('adds a device by address after its driver identified it', async () => {
    const d = fleet.devices[0]!;
    const id = await manual.add('127.0.0.1', d.port);
    expect(id).toBe(`mac:${d.mac.toLowerCase()}`);
    expect(h.devices.get(id)).toMatchObject({
      model: d.model,
      online: true,
      sources: ['manual'],
      address: `127.0.0.1:${d.port}`,
    });
  });

  it('refuses an address where no known device answers, naming what answered', async () => {
    const error = await manual.add('127.0.0.1', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('UNAVAILABLE');
    expect((error as DomainError).message).toMatch(
      /no known device answered at 127.0.0.1:1 \(shelly: .*ECONNREFUSED/,
    );
    expect(h.devices.list()).toEqual([]);
  });

  it('scans a range over several ports and reports progress until done', async () => {
    const ports = [...fleet.devices.map((d) => d.port), 1];
    const scanId = manual.startScan(ScanRequestSchema.parse({ cidr: '127.0.0.1/32', ports }));
    const final = await manual.whenScanEnded(scanId);
    expect(final).toMatchObject({ state: 'completed', total: 5, done: 5 });
    expect(new Set(final!.found)).toEqual(new Set(fleet.devices.map((d) => `mac:${d.mac.toLowerCase()}`)));
    expect(h.devices.list()).toHaveLength(4);
    expect(discovery.status().scans).toMatchObject([{ scanId, state: 'completed' }]);
  });

  it('refuses ranges above the documented limit before starting', () => {
    expect(() => manual.startScan(ScanRequestSchema.parse({ cidr: '192.0.2.0/16' }))).toThrow(/at most 4096/);
    expect(discovery.status().scans).toEqual([]);
  });
});

describe('ManualSource range scan cancel', () => {
  it('stops probing at once when canceled and keeps what it found', async () => {
    const fake = new FakeDriver();
    // One answering address; the rest hang until the per-host timeout or the cancel.
    fake.place(
      { transport: 'http', host: '198.19.0.1', port: 80 },
      {
        id: 'mac:0a0000000001' as DeviceId,
        family: 'shelly',
        name: null,
        model: 'M',
        product: null,
        generation: 2,
        firmware: '1.0.0',
        mac: '0a0000000001',
        raw: {},
      },
    );
    const slow = Object.create(fake) as FakeDriver;
    slow.identify = async (endpoint, ctx) => {
      if (endpoint.transport === 'http' && endpoint.host !== '198.19.0.1') {
        await new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        );
      }
      return fake.identify(endpoint, ctx);
    };
    const h = createCoreHarness([slow]);
    const manual = new ManualSource({ drivers: h.drivers, ids: h.ids, knownEndpoints: () => [] });
    const discovery = new DiscoveryService({
      sources: [manual],
      drivers: h.drivers,
      devices: h.devices,
      events: h.events,
      clock: h.clock,
      logger: silentLogger,
    });
    await discovery.start();
    const scanId: ScanId = manual.startScan(
      ScanRequestSchema.parse({ cidr: '198.19.0.0/24', concurrency: 4, perHostTimeoutMs: 10_000 }),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(manual.cancelScan(scanId)).toBe(true);
    const final = await manual.whenScanEnded(scanId);
    expect(final).toMatchObject({ state: 'canceled', total: 254, found: ['mac:0a0000000001'] });
    expect(final!.done).toBeLessThan(254);
    expect(manual.cancelScan(scanId)).toBe(false);
    await discovery.stop();
    h.close();
  });
});
