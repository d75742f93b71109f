import type { DeviceId } from '../../../shared/domain/device';
import { describeDriverConformance, type ConformanceDevice } from '../driver-conformance';
import { FakeDriver } from './fake-driver';

let driver: FakeDriver;
let next = 0;

describeDriverConformance('FakeDriver', {
  start: async () => (driver = new FakeDriver('shelly')),
  stop: async () => undefined,
  device: async (options) => {
    next += 1;
    const mac = (0x0200_0000_0000 + next).toString(16).padStart(12, '0');
    const id = `mac:${mac}` as DeviceId;
    const endpoint = { transport: 'http' as const, host: '127.0.0.1', port: 30_000 + next };
    driver.place(endpoint, {
      id,
      family: 'shelly',
      name: null,
      model: 'FAKE-1',
      product: 'Fake',
      generation: 2,
      firmware: '1.0.0',
      mac,
      raw: {},
    });
    if (options?.slowReboot) driver.script(id, { kind: 'hang' });
    const counters = () => driver.counters(id);
    const device: ConformanceDevice = {
      endpoint,
      target: { id, family: 'shelly', mac, model: 'FAKE-1', endpoints: [endpoint] },
      reboots: () => counters().reboots,
      sideEffects: () => Object.values(counters()).reduce((a, b) => a + b, 0),
    };
    return device;
  },
});
