import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStep, StepAction } from '../../shared/domain/job';
import { STEP_ACTIONS } from '../../shared/domain/device-actions';
import { FakeStepServices } from '../core/fake-step-services';
import type {
  DeviceCredentials,
  DeviceDriver,
  DeviceEndpoint,
  DeviceTarget,
  DriverContext,
  StepServices,
} from '../../electron/core/drivers/device-driver';
import { DeviceError } from '../../electron/core/device-error';

/** One simulated device as the suite sees it. */
export interface ConformanceDevice {
  /** Where identify() is pointed (what discovery would hand the driver). */
  endpoint: DeviceEndpoint;
  /** The device as the inventory holds it; `target.id` must be what identify() returns. */
  target: DeviceTarget;
  /** Reboots the device went through (the simulator's counter, or the fake's). */
  reboots(): number;
  /**
   * A number that grows with every change a step makes to the device: reboots, flashes, resets, config
   * writes (the simulator's counters summed). Used to prove that refused and canceled steps did nothing.
   */
  sideEffects(): number;
}

/** What a driver family provides to run the suite against its simulated device. */
export interface DriverConformanceHarness {
  /** Starts what the devices need (simulator, broker …) and returns the driver under test. */
  start(): Promise<DeviceDriver>;
  /** Stops everything start() and device() started; leaves nothing running. */
  stop(): Promise<void>;
  /**
   * A device no other test of the suite uses. `slowReboot`: its reboot must outlast any test (e.g. a
   * `long-reboot` fault), so a step on it can only end by cancel.
   */
  device(options?: { slowReboot?: boolean }): Promise<ConformanceDevice>;
  /** Services for steps on `device`; default a FakeStepServices holding `credentials` for every device. */
  services?(device: ConformanceDevice): StepServices;
  /** Credentials the devices require, if any. */
  credentials?: DeviceCredentials | null;
  /**
   * Steps this driver must refuse as `unsupported` besides the actions outside `capabilities`, e.g. a
   * config change carrying only another family's settings.
   */
  unsupportedSteps?: readonly JobStep[];
}

/** A valid sample of each action, used for the actions a driver does not claim. */
const SAMPLE_STEPS: Record<StepAction, JobStep> = {
  reboot: { action: 'reboot' },
  'firmware-update': { action: 'firmware-update', images: ['0'.repeat(64)] },
  'config-change': { action: 'config-change', shelly: { sys: { device: { name: 'conformance' } } } },
  collect: { action: 'collect' },
  'factory-reset': { action: 'factory-reset', tasmotaLevel: 1 },
  'set-password': { action: 'set-password', credentialSetId: null },
  'raw-command': { action: 'raw-command', command: 'Status', value: '0' },
};

const MAC_ID = /^mac:[0-9a-f]{12}$/;
const CANCEL_AFTER_MS = 100;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the step succeeded'),
    (error: unknown) => error,
  );
}

/**
 * The contract every DeviceDriver keeps (HOUSE_STYLE.md: "every port has a fake that passes the same
 * conformance suite"): stable identity, readable state, a verified reboot, collect with an artifact, refusal
 * of what it cannot do without side effects, and prompt cancellation.
 */
export function describeDriverConformance(name: string, harness: DriverConformanceHarness): void {
  describe(`${name} driver conformance`, () => {
    let driver: DeviceDriver;
    beforeAll(async () => {
      driver = await harness.start();
    });
    afterAll(() => harness.stop());

    const context = (device: ConformanceDevice, signal = new AbortController().signal): DriverContext => ({
      signal,
      services:
        harness.services?.(device) ?? new FakeStepServices({ siteCredentials: harness.credentials ?? null }),
      credentials: harness.credentials ?? null,
    });

    it('identifies a device by a stable mac: id, the one the inventory holds', async () => {
      const device = await harness.device();
      const first = await driver.identify(device.endpoint, context(device));
      const second = await driver.identify(device.endpoint, context(device));
      expect(first.id).toMatch(MAC_ID);
      expect(second.id).toBe(first.id);
      expect(first.id).toBe(device.target.id);
      expect(first.family).toBe(driver.family);
    });

    it('reads a firmware string from the device', async () => {
      const device = await harness.device();
      const state = await driver.readState(device.target, context(device));
      expect(typeof state.firmware).toBe('string');
      expect(state.firmware.length).toBeGreaterThan(0);
    });

    it('reboots, verified, exactly once', async () => {
      expect(driver.capabilities).toContain('reboot');
      const device = await harness.device();
      const result = await driver.runStep({ action: 'reboot' }, device.target, context(device));
      expect(result.summary.length).toBeGreaterThan(0);
      expect(device.reboots()).toBe(1);
    });

    it('collects a snapshot and returns its artifact id', async () => {
      expect(driver.capabilities).toContain('collect');
      const device = await harness.device();
      const ctx = context(device);
      const result = await driver.runStep({ action: 'collect' }, device.target, ctx);
      expect(result.artifactId).toEqual(expect.any(String));
      if (ctx.services instanceof FakeStepServices) {
        expect(ctx.services.artifacts.map((a) => a.id)).toEqual([result.artifactId]);
        expect(ctx.services.artifacts[0]!.deviceId).toBe(device.target.id);
      }
    });

    it('refuses what it cannot do as unsupported, without touching the device', async () => {
      const unclaimed = STEP_ACTIONS.filter((a) => !driver.capabilities.includes(a)).map(
        (a) => SAMPLE_STEPS[a],
      );
      const steps = [...unclaimed, ...(harness.unsupportedSteps ?? [])];
      expect(steps.length).toBeGreaterThan(0);
      const device = await harness.device();
      const before = device.sideEffects();
      for (const step of steps) {
        const error = await rejection(driver.runStep(step, device.target, context(device)));
        expect(error, step.action).toBeInstanceOf(DeviceError);
        expect((error as DeviceError).reason, step.action).toBe('unsupported');
      }
      expect(device.sideEffects()).toBe(before);
    });

    it('does nothing when the step is already canceled', async () => {
      const device = await harness.device();
      const controller = new AbortController();
      const reason = new Error('canceled before start');
      controller.abort(reason);
      const before = device.sideEffects();
      for (const step of [{ action: 'reboot' }, { action: 'collect' }] as const) {
        await expect(driver.runStep(step, device.target, context(device, controller.signal))).rejects.toBe(
          reason,
        );
      }
      expect(device.sideEffects()).toBe(before);
    });

    it('stops a running step as soon as it is canceled, with the cancel reason', async () => {
      const device = await harness.device({ slowReboot: true });
      const controller = new AbortController();
      const reason = new Error('canceled by the user');
      const cancel = () => controller.abort(reason);
      // Cancel once the driver reports progress (the reboot was asked for), or soon after the start for a
      // driver that reports none; this only picks the moment, nothing here measures time.
      const fallback = setTimeout(cancel, CANCEL_AFTER_MS);
      const ctx: DriverContext = { ...context(device, controller.signal), onProgress: cancel };
      try {
        // The device stays away longer than the test may run: only the cancel can end this step.
        await expect(driver.runStep({ action: 'reboot' }, device.target, ctx)).rejects.toBe(reason);
      } finally {
        clearTimeout(fallback);
      }
    });
  });
}
