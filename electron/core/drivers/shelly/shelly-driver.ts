import type { JobStep } from '../../../../shared/domain/job';
import { assertNever } from '../../../../shared/util/assert-never';
import { deviceIdFromMac, normalizeMac } from '../../discovery/device-identity';
import type { Clock } from '../../ports';
import type {
  AnnouncedService,
  DeviceDriver,
  DeviceEndpoint,
  DeviceState,
  DeviceTarget,
  DriverContext,
  HttpEndpoint,
  IdentifiedDevice,
  StepResult,
} from '../device-driver';
import { DeviceError } from '../../device-error';
import { collectSnapshot } from './shelly-collect';
import { changeConfig } from './shelly-config-change';
import { factoryReset } from './shelly-factory-reset';
import { updateFirmware } from './shelly-firmware-update';
import { DeviceInfoSchema, decode, type DeviceInfo } from './shelly-protocol';
import { reboot } from './shelly-reboot';
import type { ShellyRpcClient } from './shelly-rpc-client';
import { ShellySession, type ShellySettings } from './shelly-session';
import { setPassword } from './shelly-set-password';

export interface ShellyDriverOptions {
  rpc: ShellyRpcClient;
  clock: Clock;
  /** Pause between read-backs while waiting for a rebooting device. Default 250 ms. */
  pollIntervalMs?: number;
  /** Timeout of one read-back request while the device may still be booting. Default 2 s. */
  pollTimeoutMs?: number;
  /** From `Shelly.Update` to the reboot (download + flash), after which an update fails. Default 5 min (§1.7). */
  otaTimeoutMs?: number;
  /** Follow updates over the WebSocket (`ota_progress`), falling back to polling. Default true. */
  useWebSocket?: boolean;
}

/** Shelly Gen2, Gen3 and Gen4 over HTTP JSON-RPC and its WebSocket (PROTOCOLS.md §1). */
export class ShellyDriver implements DeviceDriver {
  readonly family = 'shelly' as const;
  readonly capabilities = [
    'reboot',
    'firmware-update',
    'config-change',
    'collect',
    'factory-reset',
    'set-password',
  ] as const;
  readonly mdnsServiceTypes = ['shelly', 'http'] as const;
  private readonly settings: ShellySettings;

  constructor(private readonly options: ShellyDriverOptions) {
    this.settings = {
      pollIntervalMs: options.pollIntervalMs ?? 250,
      pollTimeoutMs: options.pollTimeoutMs ?? 2_000,
      otaTimeoutMs: options.otaTimeoutMs ?? 300_000,
      useWebSocket: options.useWebSocket ?? true,
    };
  }

  recognizes(service: AnnouncedService): boolean {
    if (service.type === 'shelly') return true;
    // `_http._tcp` carries every web device on the LAN; Gen2+ add gen/app TXT keys and a "Shelly…" name.
    return /^shelly/i.test(service.name) && Number(service.txt.gen) >= 2;
  }

  endpointFor(service: AnnouncedService): HttpEndpoint {
    return { transport: 'http', host: service.host, port: service.port };
  }

  async identify(endpoint: DeviceEndpoint, ctx: DriverContext): Promise<IdentifiedDevice> {
    const info = decode(
      DeviceInfoSchema,
      await this.options.rpc.describe(httpOnly(endpoint), { signal: ctx.signal }),
      'GET /shelly',
    );
    return identityOf(info);
  }

  /** `ver` from `/shelly` (open), uptime from `Sys.GetStatus` (authenticated when auth is on). */
  async readState(target: DeviceTarget, ctx: DriverContext): Promise<DeviceState> {
    const session = this.session(target, ctx);
    const info = await session.info();
    const sys = await session.sysStatus();
    return { firmware: info.ver, uptimeSeconds: sys.uptime, raw: { info, sys } };
  }

  async runStep(step: JobStep, target: DeviceTarget, ctx: DriverContext): Promise<StepResult> {
    ctx.signal.throwIfAborted();
    if (step.action === 'raw-command') {
      throw new DeviceError('unsupported', 'raw commands are a Tasmota action; Shelly devices have none');
    }
    const session = this.session(target, ctx);
    const result = await this.run(step, session);
    // What the verification last read of `/shelly` is what identify would answer: the inventory takes it.
    return session.lastInfo ? { ...result, readBack: identityOf(session.lastInfo) } : result;
  }

  private run(
    step: Exclude<JobStep, { action: 'raw-command' }>,
    session: ShellySession,
  ): Promise<StepResult> {
    switch (step.action) {
      case 'reboot':
        return reboot(session);
      case 'firmware-update':
        return updateFirmware(session, step.images, { allowDowngrade: step.allowDowngrade });
      case 'config-change':
        return changeConfig(session, step.shelly);
      case 'collect':
        return collectSnapshot(session);
      case 'factory-reset':
        return factoryReset(session);
      case 'set-password':
        return setPassword(session, step.credentialSetId);
      default:
        return assertNever(step, 'step');
    }
  }

  private session(target: DeviceTarget, ctx: DriverContext): ShellySession {
    return new ShellySession(this.options.rpc, target, ctx, this.options.clock, this.settings);
  }
}

/** A device as its `/shelly` reply (Shelly.GetDeviceInfo, Gen2 API docs: shelly.cloud Shelly component) describes it. */
function identityOf(info: DeviceInfo): IdentifiedDevice {
  return {
    id: deviceIdFromMac(info.mac),
    family: 'shelly',
    name: info.name ?? null,
    model: info.model,
    product: info.app,
    generation: info.gen,
    firmware: info.ver,
    mac: normalizeMac(info.mac)!,
    raw: info,
  };
}

/** Gen2+ RPC here runs over HTTP; other transports reach this driver only by a planning bug. */
function httpOnly(endpoint: DeviceEndpoint): HttpEndpoint {
  if (endpoint.transport !== 'http')
    throw new DeviceError('unsupported', `Shelly over ${endpoint.transport} is not supported`);
  return endpoint;
}
