import type { JobStep } from '../../../../shared/domain/job';
import { assertNever } from '../../../../shared/util/assert-never';
import { systemClock, type Clock } from '../../ports';
import type { HttpClient } from '../../transport/http-client';
import type { MqttSessionManager } from '../../transport/mqtt-session';
import type { SerialSessionRegistry } from '../../transport/serial-session-registry';
import {
  StepDeadlineExceeded,
  type AnnouncedService,
  type DeviceDriver,
  type DeviceEndpoint,
  type DeviceState,
  type DeviceTarget,
  type DriverContext,
  type HttpEndpoint,
  type IdentifiedDevice,
  type StepResult,
} from '../device-driver';
import { DeviceError } from '../../device-error';
import type { TasmotaTransports } from './tasmota-channel-choice';
import { changeConfig } from './tasmota-config-step';
import { updateFirmware } from './tasmota-firmware-step';
import { collect, rawCommand } from './tasmota-info-steps';
import { setWebPassword } from './tasmota-password-step';
import { factoryReset, reboot } from './tasmota-restart-steps';
import { TasmotaStepSession, type TasmotaTiming } from './tasmota-step-session';

export interface TasmotaDriverOptions {
  /** `/cm` requests. */
  http: HttpClient;
  /** The app's MQTT sessions; without them MQTT endpoints are skipped. */
  mqtt?: MqttSessionManager;
  /** The app's serial sessions (borrowed when discovery holds a port open); without them serial is skipped. */
  serial?: SerialSessionRegistry;
  /** Deadlines and the "seconds between readings" of restart checks. Default: the system clock. */
  clock?: Clock;
  /** One command and its reply. Default 5 s. */
  commandTimeoutMs?: number;
  /** Pause between read-backs while waiting for a restart or a setting. Default 500 ms. */
  pollIntervalMs?: number;
  /** One read-back while the device may still be booting. Default 2 s. */
  pollTimeoutMs?: number;
  /** How long a restarting device may stay away (reboot, config restart, reset, after an upgrade). Default 120 s. */
  restartTimeoutMs?: number;
  /** Download and flash, from `Upgrade 1` to its result (on HTTP: to the restart). Default 10 min (§2.7: 2–5 min). */
  otaTimeoutMs?: number;
  /** How long settings may take to read back as set (a Backlog still running). Default 10 s. */
  verifyTimeoutMs?: number;
}

/**
 * Tasmota (PROTOCOLS.md §2) over MQTT, HTTP `/cm` and the serial console: the first transport that
 * answers, in that order (tasmota-channel-choice.ts). Every step reads the full status first (`Status0`,
 * tasmota-link.ts: identity check and baseline) and succeeds only on a read-back from the device.
 */
export class TasmotaDriver implements DeviceDriver {
  readonly family = 'tasmota' as const;
  readonly capabilities = [
    'reboot',
    'firmware-update',
    'config-change',
    'collect',
    'factory-reset',
    'set-password',
    'raw-command',
  ] as const;
  /** Tasmota announces only `_http._tcp` (when its mDNS option is on), named after its host name. */
  readonly mdnsServiceTypes = ['http'] as const;
  private readonly transports: TasmotaTransports;
  private readonly clock: Clock;
  private readonly timing: TasmotaTiming;

  constructor(o: TasmotaDriverOptions) {
    this.transports = { http: o.http, mqtt: o.mqtt, serial: o.serial };
    this.clock = o.clock ?? systemClock;
    this.timing = {
      commandTimeoutMs: o.commandTimeoutMs ?? 5_000,
      pollIntervalMs: o.pollIntervalMs ?? 500,
      pollTimeoutMs: o.pollTimeoutMs ?? 2_000,
      restartTimeoutMs: o.restartTimeoutMs ?? 120_000,
      otaTimeoutMs: o.otaTimeoutMs ?? 600_000,
      verifyTimeoutMs: o.verifyTimeoutMs ?? 10_000,
    };
  }

  recognizes(service: AnnouncedService): boolean {
    return /^tasmota[-_]/i.test(service.name);
  }

  endpointFor(service: AnnouncedService): HttpEndpoint {
    return { transport: 'http', host: service.host, port: service.port };
  }

  /** The full status (`Status0`; `Status 0` over HTTP) on the given endpoint, whatever its transport (ctx.credentials for a web password). */
  async identify(endpoint: DeviceEndpoint, ctx: DriverContext): Promise<IdentifiedDevice> {
    if (endpoint.transport === 'esphome-api') {
      throw new DeviceError('unsupported', 'Tasmota devices have no ESPHome API');
    }
    // Discovery has no device yet: only the credentials it was handed, never the step services.
    const session = this.session({ endpoints: [endpoint], mac: null }, { ...ctx, services: undefined });
    try {
      return (await session.open()).baseline.status.device;
    } finally {
      await session.dispose();
    }
  }

  async readState(target: DeviceTarget, ctx: DriverContext): Promise<DeviceState> {
    const session = this.session(target, ctx);
    try {
      const { baseline } = await session.open();
      return {
        firmware: baseline.status.device.firmware,
        uptimeSeconds: baseline.marks.uptimeSeconds,
        raw: baseline.json,
      };
    } finally {
      await session.dispose();
    }
  }

  async runStep(step: JobStep, target: DeviceTarget, ctx: DriverContext): Promise<StepResult> {
    ctx.signal.throwIfAborted();
    const session = this.session(target, ctx);
    try {
      const result = await this.run(step, session);
      // The newest Status 0 the step read is what identify would answer: the inventory takes it.
      return session.lastSeen ? { ...result, readBack: session.lastSeen } : result;
    } catch (error) {
      const { signal } = ctx;
      if (
        signal.aborted &&
        signal.reason instanceof StepDeadlineExceeded &&
        !(error instanceof DeviceError)
      ) {
        throw new DeviceError('timeout', `${step.action} ran out of time while ${session.phase}`);
      }
      throw error;
    } finally {
      await session.dispose();
    }
  }

  private run(step: JobStep, session: TasmotaStepSession): Promise<StepResult> {
    switch (step.action) {
      case 'firmware-update':
        return updateFirmware(session, step.images, { allowDowngrade: step.allowDowngrade });
      case 'config-change':
        return changeConfig(session, step.tasmota);
      case 'collect':
        return collect(session);
      case 'reboot':
        return reboot(session);
      case 'factory-reset':
        return factoryReset(session, step.tasmotaLevel);
      case 'raw-command':
        return rawCommand(session, step.command, step.value);
      case 'set-password':
        return setWebPassword(session, step.credentialSetId);
      default:
        return assertNever(step, 'step');
    }
  }

  private session(target: Pick<DeviceTarget, 'endpoints' | 'mac'>, ctx: DriverContext): TasmotaStepSession {
    const full: DeviceTarget = {
      id: 'tasmota:unknown' as DeviceTarget['id'],
      family: 'tasmota',
      model: 'Tasmota',
      ...target,
    };
    const { transports, clock, timing } = this;
    return new TasmotaStepSession({ target: full, ctx, transports, clock, timing });
  }
}
