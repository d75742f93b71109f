import { endpointLabel } from '../../../../shared/domain/device';
import { normalizeMac } from '../../discovery/device-identity';
import type { Clock } from '../../ports';
import type {
  DeviceCredentials,
  DeviceTarget,
  DriverContext,
  HttpEndpoint,
  StepServices,
} from '../device-driver';
import { DeviceError } from '../../device-error';
import type { CredentialsSource } from './shelly-digest-session';
import {
  DeviceInfoSchema,
  SysStatusSchema,
  decode,
  type DeviceInfo,
  type SysStatus,
} from './shelly-protocol';
import type { ShellyRpcClient } from './shelly-rpc-client';

/** Polling budgets and channel choice of the Shelly driver. */
export interface ShellySettings {
  /** Pause between read-backs while waiting for a device. */
  pollIntervalMs: number;
  /** Timeout of one read-back while the device may still be booting. */
  pollTimeoutMs: number;
  /** How long an update may take from `Shelly.Update` to the reboot (download + flash), §1.7. */
  otaTimeoutMs: number;
  /** Follow updates over the WebSocket (`ota_progress`); false: poll only. */
  useWebSocket: boolean;
}

/** Everything one step on one device needs: its address, its password source, identity-checked reads. */
export class ShellySession {
  readonly endpoint: HttpEndpoint;
  readonly credentials: CredentialsSource;
  /** The newest `/shelly` reply this session read (a step's verification, when it ends with one). */
  lastInfo: DeviceInfo | null = null;

  constructor(
    readonly rpc: ShellyRpcClient,
    readonly target: DeviceTarget,
    readonly ctx: DriverContext,
    readonly clock: Clock,
    readonly settings: ShellySettings,
  ) {
    this.endpoint = httpEndpointOf(target);
    this.credentials = credentialsSource(target, ctx);
  }

  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  /** The step services; a step that needs them fails as an internal error without them. */
  get services(): StepServices {
    if (!this.ctx.services) throw new DeviceError('internal', 'this step needs step services');
    return this.ctx.services;
  }

  progress(message: string, percent?: number): void {
    this.ctx.onProgress?.(percent === undefined ? { message } : { message, percent });
  }

  /** An authenticated RPC call (credentials looked up only if the device challenges). */
  call(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<unknown> {
    return this.rpc.call(this.endpoint, method, params, {
      signal: this.signal,
      timeoutMs,
      credentials: this.credentials,
    });
  }

  /** `GET /shelly` (open with auth on), checked to be the target device. */
  async info(timeoutMs?: number): Promise<DeviceInfo> {
    const raw = await this.rpc.describe(this.endpoint, { signal: this.signal, timeoutMs });
    const info = decode(DeviceInfoSchema, raw, 'GET /shelly');
    this.checkMac(info.mac);
    this.lastInfo = info;
    return info;
  }

  /** `Sys.GetStatus`, checked to be the target device. */
  async sysStatus(timeoutMs?: number): Promise<SysStatus> {
    const status = decode(
      SysStatusSchema,
      await this.call('Sys.GetStatus', undefined, timeoutMs),
      'Sys.GetStatus',
    );
    this.checkMac(status.mac);
    return status;
  }

  private checkMac(mac: string): void {
    if (this.target.mac && normalizeMac(mac) !== this.target.mac) {
      throw new DeviceError(
        'identity-mismatch',
        `expected ${this.target.mac} at ${endpointLabel(this.endpoint)}, found ${mac}`,
      );
    }
  }
}

/** ctx.credentials when given, else the device's credential set; looked up at most once per step. */
function credentialsSource(target: DeviceTarget, ctx: DriverContext): CredentialsSource {
  let lookup: Promise<DeviceCredentials | null> | undefined;
  return () =>
    (lookup ??= ctx.credentials
      ? Promise.resolve(ctx.credentials)
      : (ctx.services?.credentialsFor(target) ?? Promise.resolve(null)));
}

/** The device's HTTP endpoint (Gen2+ RPC runs over HTTP and its WebSocket). */
export function httpEndpointOf(target: DeviceTarget): HttpEndpoint {
  const endpoint = target.endpoints.find((e): e is HttpEndpoint => e.transport === 'http');
  if (!endpoint) throw new DeviceError('unreachable', 'no HTTP address known for this device');
  return endpoint;
}
