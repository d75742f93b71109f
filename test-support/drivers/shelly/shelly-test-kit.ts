import { expect } from 'vitest';
import type { SimulatedShelly } from '../../../simulator';
import type { DeviceId } from '../../../shared/domain/device';
import { HttpClient } from '../../../electron/core/transport/http-client';
import {
  StepDeadlineExceeded,
  type DeviceTarget,
  type HttpEndpoint,
  type StepProgress,
} from '../../../electron/core/drivers/device-driver';
import { DeviceError } from '../../../electron/core/device-error';
import type { AuthEvent } from '../../../electron/core/drivers/shelly/shelly-digest-session';
import { ShellyDriver, type ShellyDriverOptions } from '../../../electron/core/drivers/shelly/shelly-driver';
import {
  ShellyRpcClient,
  type ShellyRpcClientOptions,
} from '../../../electron/core/drivers/shelly/shelly-rpc-client';

/** Helpers shared by the Shelly integration tests. */

/** The fields of a simulated device these helpers read (the real-device tests build the same four). */
export type SimDevice = Pick<SimulatedShelly, 'host' | 'port' | 'mac' | 'model'>;

export const endpointOf = (d: SimDevice): HttpEndpoint => ({ transport: 'http', host: d.host, port: d.port });

export const targetOf = (d: SimDevice): DeviceTarget => ({
  id: `mac:${d.mac.toLowerCase()}` as DeviceId,
  family: 'shelly',
  mac: d.mac.toLowerCase(),
  model: d.model,
  endpoints: [endpointOf(d)],
});

export interface TestDriver {
  driver: ShellyDriver;
  rpc: ShellyRpcClient;
  http: HttpClient;
  authEvents: AuthEvent[];
}

/** A driver with fast polling; close `http` after the suite. */
export function makeDriver(
  rpcOptions: ShellyRpcClientOptions = {},
  driverOptions: Partial<Omit<ShellyDriverOptions, 'rpc' | 'clock'>> = {},
): TestDriver {
  const http = new HttpClient({ timeoutMs: 1_500, maxBodyBytes: 256 * 1024 });
  const authEvents: AuthEvent[] = [];
  const rpc = new ShellyRpcClient(http, {
    throttle: { initialDelayMs: 100 },
    ...rpcOptions,
    onEvent: (event) => authEvents.push(event),
  });
  const driver = new ShellyDriver({
    rpc,
    clock: { now: () => Date.now() },
    pollIntervalMs: 50,
    pollTimeoutMs: 1_000,
    ...driverOptions,
  });
  return { driver, rpc, http, authEvents };
}

/** A signal that aborts with StepDeadlineExceeded after `ms`, as the engine's step budget does. */
export function deadline(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new StepDeadlineExceeded(`budget ${ms} ms`)), ms).unref();
  return controller.signal;
}

/** The DeviceError a promise rejects with (fails the test if it resolves or throws something else). */
export async function failure(promise: Promise<unknown>): Promise<DeviceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeviceError);
  return error as DeviceError;
}

/** Collects progress reports. */
export function progressLog(): { log: StepProgress[]; onProgress: (p: StepProgress) => void } {
  const log: StepProgress[] = [];
  return { log, onProgress: (p) => log.push(p) };
}
