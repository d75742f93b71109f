import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet, type SimulatedShelly } from '../../../../simulator';
import { HttpClient } from '../../transport/http-client';
import { StepDeadlineExceeded, type DeviceTarget } from '../device-driver';
import { DeviceError } from '../../device-error';
import { ShellyDriver } from './shelly-driver';
import { ShellyRpcClient } from './shelly-rpc-client';

const http = new HttpClient({ timeoutMs: 1_500, maxBodyBytes: 64 * 1024 });
const driver = new ShellyDriver({
  rpc: new ShellyRpcClient(http),
  clock: { now: () => Date.now() },
  pollIntervalMs: 100,
});
const endpoint = (d: SimulatedShelly) => ({ transport: 'http' as const, host: d.host, port: d.port });
const target = (d: SimulatedShelly): DeviceTarget => ({
  id: `mac:${d.mac.toLowerCase()}` as never,
  family: 'shelly',
  mac: d.mac.toLowerCase(),
  model: d.model,
  endpoints: [endpoint(d)],
});

/** A signal that aborts with StepDeadlineExceeded after `ms`, as the engine's step budget does. */
function deadline(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new StepDeadlineExceeded(`budget ${ms} ms`)), ms).unref();
  return controller.signal;
}

async function failure(promise: Promise<unknown>): Promise<DeviceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeviceError);
  return error as DeviceError;
}

describe('ShellyDriver against the simulator', () => {
  let fleet: ShellyFleet;
  beforeAll(async () => {
    fleet = await startShellyFleet({ count: 8, seed: 41, bootTimeMs: 1_200, mdns: false });
  });
  afterAll(() => fleet.stop());

  it('identifies every model by its MAC, with model, product, generation and firmware', async () => {
    for (const d of fleet.devices) {
      const device = await driver.identify(endpoint(d), { signal: new AbortController().signal });
      expect(device).toMatchObject({
        id: `mac:${d.mac.toLowerCase()}`,
        family: 'shelly',
        model: d.model,
        product: d.app,
        generation: d.gen,
        firmware: d.ver,
        mac: d.mac.toLowerCase(),
      });
    }
    expect(new Set(fleet.devices.map((d) => d.gen))).toEqual(new Set([2, 3, 4]));
  });

  it('reboots and succeeds only once the uptime has restarted, exactly one reboot', async () => {
    const d = fleet.devices[0]!;
    const progress: string[] = [];
    await driver.runStep({ action: 'reboot' }, target(d), {
      signal: deadline(15_000),
      onProgress: (p) => progress.push(p.message),
    });
    expect(d.counters.reboots).toBe(1);
    expect(d.isOnline).toBe(true);
    expect(d.uptimeSeconds()).toBeLessThan(3);
    expect(progress).toEqual(['rebooting']);
  });

  it('reports a device that does not come back within the budget as a timeout', async () => {
    const d = fleet.devices[1]!;
    const pending = driver.runStep({ action: 'reboot' }, target(d), { signal: deadline(600) });
    const error = await failure(pending);
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/not back after the reboot/);
  });

  it('refuses to reboot a different device found at the expected address', async () => {
    const [a, b] = [fleet.devices[2]!, fleet.devices[3]!];
    const wrong = { ...target(a), endpoints: [endpoint(b)] };
    const error = await failure(driver.runStep({ action: 'reboot' }, wrong, { signal: deadline(5_000) }));
    expect(error.reason).toBe('identity-mismatch');
    expect(b.counters.reboots).toBe(0);
  });

  it.each([
    ['garbage', 'bad-reply'],
    ['http-500', 'device-error'],
    ['hang', 'timeout'],
    ['refuse', 'unreachable'],
  ] as const)('fails a device with fault %s as %s, without rebooting it', async (fault, reason) => {
    const d = fleet.devices[4]!;
    d.setFault(fault);
    try {
      expect(
        (await failure(driver.runStep({ action: 'reboot' }, target(d), { signal: deadline(5_000) }))).reason,
      ).toBe(reason);
      expect((await failure(driver.identify(endpoint(d), { signal: deadline(5_000) }))).reason).toBe(reason);
    } finally {
      d.setFault(null);
    }
    expect(d.counters.reboots).toBe(0);
  });

  it('stops at once when the job is canceled, passing the cancel reason through', async () => {
    const d = fleet.devices[5]!;
    const controller = new AbortController();
    const pending = driver.runStep({ action: 'reboot' }, target(d), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('canceled by the user')), 200);
    await expect(pending).rejects.toThrow('canceled by the user');
  });
});
