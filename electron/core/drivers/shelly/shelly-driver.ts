import { endpointLabel } from '../../../../shared/domain/device';
import type { JobStep } from '../../../../shared/domain/job';
import { assertNever } from '../../../../shared/util/assert-never';
import { deviceIdFromMac, normalizeMac } from '../../discovery/device-identity';
import type { Clock } from '../../ports';
import { abortableSleep } from '../abortable-sleep';
import {
  StepDeadlineExceeded,
  type DeviceDriver,
  type DeviceEndpoint,
  type AnnouncedService,
  type DeviceState,
  type DeviceTarget,
  type DriverContext,
  type HttpEndpoint,
  type IdentifiedDevice,
  type StepResult,
} from '../device-driver';
import { DeviceError } from '../device-error';
import {
  DeviceInfoSchema,
  SysStatusSchema,
  decode,
  isRebootConfirmed,
  type SysStatus,
} from './shelly-protocol';
import type { ShellyRpcClient } from './shelly-rpc-client';

export interface ShellyDriverOptions {
  rpc: ShellyRpcClient;
  clock: Clock;
  /** Pause between read-backs while waiting for a rebooting device. Default 250 ms. */
  pollIntervalMs?: number;
  /** Timeout of one read-back request while the device may still be booting. Default 2 s. */
  pollTimeoutMs?: number;
}

/** Shelly Gen2, Gen3 and Gen4 over HTTP JSON-RPC (PROTOCOLS.md §1). */
export class ShellyDriver implements DeviceDriver {
  readonly family = 'shelly' as const;
  readonly capabilities = ['reboot'] as const;
  readonly mdnsServiceTypes = ['shelly', 'http'] as const;
  private readonly pollIntervalMs: number;
  private readonly pollTimeoutMs: number;

  constructor(private readonly options: ShellyDriverOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pollTimeoutMs = options.pollTimeoutMs ?? 2_000;
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
      await this.options.rpc.describe(httpOnly(endpoint), ctx),
      'GET /shelly',
    );
    return {
      id: deviceIdFromMac(info.mac),
      family: this.family,
      name: info.name ?? null,
      model: info.model,
      product: info.app,
      generation: info.gen,
      firmware: info.ver,
      mac: normalizeMac(info.mac)!,
      raw: info,
    };
  }

  async readState(target: DeviceTarget, ctx: DriverContext): Promise<DeviceState> {
    const info = decode(
      DeviceInfoSchema,
      await this.options.rpc.describe(httpEndpointOf(target), ctx),
      'GET /shelly',
    );
    const status = await this.sysStatus(target, ctx.signal);
    return { firmware: info.ver, uptimeSeconds: status.uptime, raw: { info, sys: status } };
  }

  async runStep(step: JobStep, target: DeviceTarget, ctx: DriverContext): Promise<StepResult> {
    switch (step.action) {
      case 'reboot':
        return this.reboot(target, ctx);
      case 'firmware-update':
      case 'config-change':
      case 'collect':
      case 'factory-reset':
      case 'set-password':
      case 'raw-command':
        throw new DeviceError('unsupported', `Shelly devices cannot ${step.action} yet`);
      default:
        return assertNever(step, 'step');
    }
  }

  /** Reboots, then polls until `Sys.GetStatus` proves the uptime counter restarted on the same device. */
  private async reboot(target: DeviceTarget, ctx: DriverContext): Promise<StepResult> {
    const endpoint = httpEndpointOf(target);
    const before = await this.sysStatus(target, ctx.signal);
    const readAt = this.options.clock.now();
    await this.options.rpc.call(endpoint, 'Shelly.Reboot', undefined, ctx);
    ctx.onProgress?.({ message: 'rebooting' });
    let lastSeen = 'the device answered the reboot request but was never seen again';
    try {
      for (;;) {
        await abortableSleep(this.pollIntervalMs, ctx.signal);
        const sentAt = this.options.clock.now();
        let after: SysStatus;
        try {
          after = await this.sysStatus(target, ctx.signal, this.pollTimeoutMs);
        } catch (error) {
          if (
            !(error instanceof DeviceError) ||
            (error.reason !== 'unreachable' && error.reason !== 'timeout')
          )
            throw error;
          lastSeen = `not back after the reboot (${error.message})`;
          continue;
        }
        const secondsBetween = (sentAt - readAt) / 1000;
        if (isRebootConfirmed({ uptimeBefore: before.uptime, uptimeAfter: after.uptime, secondsBetween })) {
          return { summary: `rebooted: uptime ${after.uptime} s (was ${before.uptime} s)` };
        }
        lastSeen = `uptime did not restart (${before.uptime}s before, ${after.uptime}s after ${secondsBetween.toFixed(1)}s)`;
      }
    } catch (error) {
      if (ctx.signal.aborted && ctx.signal.reason instanceof StepDeadlineExceeded) {
        const reason = lastSeen.startsWith('uptime') ? 'not-verified' : 'timeout';
        throw new DeviceError(reason, `reboot not confirmed in time: ${lastSeen}`);
      }
      throw error;
    }
  }

  private async sysStatus(target: DeviceTarget, signal: AbortSignal, timeoutMs?: number): Promise<SysStatus> {
    const status = decode(
      SysStatusSchema,
      await this.options.rpc.call(httpEndpointOf(target), 'Sys.GetStatus', undefined, {
        signal,
        timeoutMs,
      }),
      'Sys.GetStatus',
    );
    if (target.mac && normalizeMac(status.mac) !== target.mac) {
      throw new DeviceError(
        'identity-mismatch',
        `expected ${target.mac} at ${endpointLabel(httpEndpointOf(target))}, found ${status.mac}`,
      );
    }
    return status;
  }
}

/** The device's HTTP endpoint (RPC runs over HTTP here). */
function httpEndpointOf(target: DeviceTarget): HttpEndpoint {
  const endpoint = target.endpoints.find((e): e is HttpEndpoint => e.transport === 'http');
  if (!endpoint) throw new DeviceError('unreachable', 'no HTTP address known for this device');
  return endpoint;
}

/** Gen2+ RPC here runs over HTTP; other transports reach this driver only by a planning bug. */
function httpOnly(endpoint: DeviceEndpoint): HttpEndpoint {
  if (endpoint.transport !== 'http')
    throw new DeviceError('unsupported', `Shelly over ${endpoint.transport} is not supported`);
  return endpoint;
}
