import { startShellyFleet, type ShellyFleet } from '../../../../simulator';
import {
  describeDriverConformance,
  type ConformanceDevice,
} from '../../../../test-support/drivers/driver-conformance';
import {
  endpointOf,
  makeDriver,
  targetOf,
  type TestDriver,
} from '../../../../test-support/drivers/shelly/shelly-test-kit';

const PASSWORD = 'canary-conf-Lp03';
let fleet: ShellyFleet;
let t: TestDriver;
let next = 0;

describeDriverConformance('ShellyDriver', {
  start: async () => {
    // Auth on, legacy and firmware 2.0 nonces alternating: the contract holds with a password too.
    fleet = await startShellyFleet({
      count: 8,
      seed: 5,
      bootTimeMs: 250,
      mdns: false,
      auth: { password: PASSWORD, style: 'mixed' },
    });
    t = makeDriver();
    return t.driver;
  },
  stop: async () => {
    t?.http.close();
    await fleet?.stop();
  },
  credentials: { username: 'admin', password: PASSWORD },
  device: async (options) => {
    const d = fleet.devices[next++];
    if (!d) throw new Error('the conformance fleet ran out of devices');
    // Longer than any test may run: the cancel test must end the step itself.
    if (options?.slowReboot) d.setFault({ kind: 'long-reboot', bootMs: 120_000 });
    const device: ConformanceDevice = {
      endpoint: endpointOf(d),
      target: targetOf(d),
      reboots: () => d.counters.reboots,
      sideEffects: () => {
        const c = d.counters;
        return c.reboots + c.flashes + c.resets + c.configWrites;
      },
    };
    return device;
  },
  unsupportedSteps: [
    { action: 'config-change', tasmota: { commands: [{ command: 'DeviceName', value: 'x' }] } },
    { action: 'firmware-update', images: ['f'.repeat(64)] },
  ],
});
