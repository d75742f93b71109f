import { createHash } from 'node:crypto';
import { expect, vi } from 'vitest';
import { buildEspImage, type EspChip, type FirmwareServer, type SimulatedTasmota } from '../../../simulator';
import { silentLogger } from '../../../electron/core/logging/json-logger';
import { HttpClient } from '../../../electron/core/transport/http-client';
import { MqttSessionManager } from '../../../electron/core/transport/mqtt-session';
import { SerialSessionRegistry } from '../../../electron/core/transport/serial-session-registry';
import { FakeStepServices } from '../../core/fake-step-services';
import {
  StepDeadlineExceeded,
  type DeviceCredentials,
  type DeviceEndpoint,
  type DeviceTarget,
} from '../../../electron/core/drivers/device-driver';
import { DeviceError } from '../../../electron/core/device-error';
import {
  TasmotaDriver,
  type TasmotaDriverOptions,
} from '../../../electron/core/drivers/tasmota/tasmota-driver';

/**
 * Test support for the Tasmota driver's integration tests: the driver on real transports with the shared
 * FakeStepServices, and helpers for the simulator's devices and firmware server.
 */

export const BROKER_ID = 'brk_tasmota1';

export type TransportName = 'mqtt' | 'http' | 'serial';

export function endpointOf(device: SimulatedTasmota, transport: TransportName): DeviceEndpoint {
  switch (transport) {
    case 'mqtt':
      return { transport, brokerId: BROKER_ID, topic: device.topic, fullTopic: '%prefix%/%topic%/' };
    case 'http':
      return { transport, host: device.host, port: device.port };
    case 'serial':
      return { transport, path: device.serialPath!, baudRate: 115200 };
  }
}

export function targetOf(device: SimulatedTasmota, transports: readonly TransportName[]): DeviceTarget {
  const mac = device.mac.toLowerCase();
  return {
    id: `mac:${mac}` as DeviceTarget['id'],
    family: 'tasmota',
    mac,
    model: device.module,
    endpoints: transports.map((t) => endpointOf(device, t)),
  };
}

/** An image as the firmware library would know it, plus how often it was downloaded. */
export interface TestImage {
  sha256: string;
  url: string;
  version: string;
  downloads(): number;
}

/**
 * Builds real-format images for a chip (the simulator's builder), serves them from `files` and adds them to the
 * rig's FakeStepServices library under `models` (what the library matches a device by).
 */
export function imageServer(services: FakeStepServices, files: FirmwareServer) {
  let count = 0;
  return (version: string, models: readonly string[], chip: string): TestImage => {
    const name = `tasmota-${(count += 1)}.bin`;
    // Large enough to arrive in several chunks: ota-download-error cuts a download half way.
    const data = buildEspImage({
      chip: chip as EspChip,
      version,
      build: 'release-tasmota',
      payloadSize: 256 * 1024,
    });
    files.put(name, data);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const url = files.url(name);
    services.addFirmware({ family: 'tasmota', models, url, sha256, size: data.length, version, fwId: null });
    return { sha256, url, version, downloads: () => files.downloads(name) };
  };
}

/** Fast timings for a simulator with short boots. */
export const TEST_TIMING = {
  commandTimeoutMs: 2_000,
  pollIntervalMs: 100,
  pollTimeoutMs: 1_000,
  restartTimeoutMs: 10_000,
  otaTimeoutMs: 15_000,
  verifyTimeoutMs: 2_000,
} satisfies Partial<TasmotaDriverOptions>;

/** The driver on real transports: HTTP, MQTT sessions (to `brokerUrl` when given), serial sessions. */
export class TasmotaRig {
  readonly http = new HttpClient({ timeoutMs: 2_000, maxBodyBytes: 1 << 20 });
  readonly mqtt = new MqttSessionManager({ logger: silentLogger, reconnectPeriodMs: 100 });
  readonly serial = new SerialSessionRegistry({ livenessIntervalMs: 100 });
  readonly services = new FakeStepServices();
  readonly driver: TasmotaDriver;
  /** What the devices require (also handed to identify, as discovery would). */
  credentials: DeviceCredentials | null = null;

  constructor(overrides: Partial<TasmotaDriverOptions> = {}) {
    this.driver = this.driverWith(overrides);
  }

  driverWith(overrides: Partial<TasmotaDriverOptions>): TasmotaDriver {
    return new TasmotaDriver({
      http: this.http,
      mqtt: this.mqtt,
      serial: this.serial,
      clock: { now: () => Date.now() },
      ...TEST_TIMING,
      ...overrides,
    });
  }

  /** Every device needs these from now on (the site's credential set). */
  useCredentials(credentials: DeviceCredentials | null): void {
    this.credentials = credentials;
    this.services.setSiteCredentials(credentials);
  }

  async connect(brokerUrl: string): Promise<void> {
    this.mqtt.setBrokers([
      { id: BROKER_ID, url: brokerUrl, username: null, password: null, caPem: null, enabled: true },
    ]);
    await vi.waitFor(() => expect(this.mqtt.broker(BROKER_ID)?.state).toBe('connected'), {
      timeout: 10_000,
      interval: 20,
    });
  }

  /** A step context with a deadline, progress recorded in `progress`. */
  context(budgetMs = 30_000, progress: string[] = []) {
    return {
      signal: deadline(budgetMs),
      onProgress: (p: { message: string }) => progress.push(p.message),
      services: this.services,
    };
  }

  async close(): Promise<void> {
    await this.mqtt.close();
    await this.serial.closeAll();
    this.http.close();
  }
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
    (value) => new Error(`expected a failure, got ${JSON.stringify(value)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeviceError);
  return error as DeviceError;
}
