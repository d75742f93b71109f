import type { DeviceId } from '../../../../shared/domain/device';
import type { HttpEndpoint, IdentifiedDevice } from '../../drivers/device-driver';
import { DeviceError } from '../../device-error';
import { DriverRegistry } from '../../drivers/driver-registry';
import { FakeDriver } from '../../../../test-support/drivers/fake/fake-driver';
import { createRandomIdSource } from '../../ids';
import { describeDiscoverySourceConformance } from '../../../../test-support/discovery/discovery-source-conformance';
import { ManualSource } from './manual-source';

/** The "world" of manual discovery: addresses the technician added, and whatever answers at them. */
describeDiscoverySourceConformance<{ endpoint: HttpEndpoint; device: IdentifiedDevice }>('ManualSource', {
  async createWorld() {
    const fake = new FakeDriver();
    const garbage = Object.create(fake) as FakeDriver;
    const broken = new Set<string>();
    garbage.identify = async (endpoint, ctx) => {
      if (endpoint.transport === 'http' && broken.has(endpoint.host))
        throw new DeviceError('bad-reply', 'not JSON');
      return fake.identify(endpoint, ctx);
    };
    const drivers = new DriverRegistry([garbage]);
    const known: HttpEndpoint[] = [];
    let next = 1;
    return {
      createSource: () =>
        new ManualSource({
          drivers,
          ids: createRandomIdSource(),
          knownEndpoints: () => [...known],
          checkIntervalMs: 50,
        }),
      async addDevice() {
        const n = next++;
        const mac = (0x0a0000000000 + n).toString(16).padStart(12, '0');
        const endpoint: HttpEndpoint = { transport: 'http', host: `10.77.0.${n}`, port: 80 };
        const device: IdentifiedDevice = {
          id: `mac:${mac}` as DeviceId,
          family: 'shelly',
          name: null,
          model: 'M',
          product: null,
          generation: 2,
          firmware: '1.0.0',
          mac,
          raw: {},
        };
        fake.place(endpoint, device);
        known.push(endpoint);
        return { endpoint, device };
      },
      async removeDevice({ endpoint }) {
        fake.remove(endpoint);
      },
      async restoreDevice({ endpoint, device }) {
        fake.place(endpoint, device);
      },
      async injectGarbage() {
        broken.add('203.0.113.1');
        known.push(
          { transport: 'http', host: '203.0.113.1', port: 80 },
          { transport: 'http', host: '203.0.113.2', port: 80 },
        );
      },
      async dispose() {},
    };
  },
  waitTimeoutMs: 5_000,
});
