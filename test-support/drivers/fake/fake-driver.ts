import type { DeviceFamily } from '../../../shared/domain/device';
import type { FailureReason, JobStep, StepAction } from '../../../shared/domain/job';
import { assertNever } from '../../../shared/util/assert-never';
import { abortableSleep } from '../../../electron/core/drivers/abortable-sleep';
import {
  StepDeadlineExceeded,
  type DeviceDriver,
  type DeviceEndpoint,
  type DeviceState,
  type DeviceTarget,
  type AnnouncedService,
  type DriverContext,
  type IdentifiedDevice,
  type StepResult,
} from '../../../electron/core/drivers/device-driver';
import { DeviceError } from '../../../electron/core/device-error';
import type { DeviceCounters } from '../../../simulator';
import { endpointKey } from '../../../electron/core/discovery/endpoint-key';

/** What the fake does when a step runs on one device. */
export type FakeBehaviour =
  | { kind: 'succeed'; delayMs?: number }
  | { kind: 'fail'; reason: FailureReason; message?: string; delayMs?: number }
  /** Never finishes on its own: only an abort ends it. */
  | { kind: 'hang' };

export interface FakeCall {
  deviceId: string;
  action: StepAction;
}

/** What succeeded steps did to one fake device: the simulator's side-effect counters, for the conformance suite. */
export type FakeCounters = Pick<DeviceCounters, 'reboots' | 'flashes' | 'resets' | 'configWrites'>;

/** Every action but the Tasmota-only raw command, as a Shelly would. */
export const FAKE_DEFAULT_CAPABILITIES: readonly StepAction[] = [
  'reboot',
  'firmware-update',
  'config-change',
  'collect',
  'factory-reset',
  'set-password',
];

/**
 * Scriptable driver for engine and UI tests: no network, behaviour chosen per device. It keeps the driver
 * contract (driver-conformance.ts): steps outside `capabilities` are refused as `unsupported`, a canceled
 * signal ends a step with its reason, a succeeded step leaves a trace in `counters()`.
 */
export class FakeDriver implements DeviceDriver {
  readonly capabilities: readonly StepAction[];
  readonly mdnsServiceTypes: readonly string[] = [];
  readonly calls: FakeCall[] = [];
  private readonly behaviours = new Map<string, FakeBehaviour>();
  private readonly identities = new Map<string, IdentifiedDevice>();
  private readonly firmware = new Map<string, string>();
  private readonly counts = new Map<string, FakeCounters>();

  constructor(
    readonly family: DeviceFamily = 'shelly',
    private readonly fallback: FakeBehaviour = { kind: 'succeed' },
    options: { capabilities?: readonly StepAction[] } = {},
  ) {
    this.capabilities = options.capabilities ?? FAKE_DEFAULT_CAPABILITIES;
  }

  script(deviceId: string, behaviour: FakeBehaviour): this {
    this.behaviours.set(deviceId, behaviour);
    return this;
  }

  /** Makes identify() at `host:port` answer with this device. */
  place(endpoint: DeviceEndpoint, device: IdentifiedDevice): this {
    this.identities.set(endpointKey(endpoint), device);
    return this;
  }

  /** Nothing answers at this endpoint any more. */
  remove(endpoint: DeviceEndpoint): this {
    this.identities.delete(endpointKey(endpoint));
    return this;
  }

  /** Side effects of the steps that succeeded on `deviceId`. */
  counters(deviceId: string): FakeCounters {
    return { ...this.countersOf(deviceId) };
  }

  recognizes(_service: AnnouncedService): boolean {
    return true;
  }

  endpointFor(service: AnnouncedService): DeviceEndpoint {
    return { transport: 'http', host: service.host, port: service.port };
  }

  async identify(endpoint: DeviceEndpoint, _ctx: DriverContext): Promise<IdentifiedDevice> {
    const device = this.identities.get(endpointKey(endpoint));
    if (!device) throw new DeviceError('unreachable', `nothing at ${endpointKey(endpoint)}`);
    return device;
  }

  async readState(target: DeviceTarget, _ctx: DriverContext): Promise<DeviceState> {
    return { firmware: this.firmware.get(target.id) ?? '1.0.0', uptimeSeconds: 0, raw: {} };
  }

  async runStep(step: JobStep, target: DeviceTarget, ctx: DriverContext): Promise<StepResult> {
    this.calls.push({ deviceId: target.id, action: step.action });
    ctx.signal.throwIfAborted();
    if (!this.capabilities.includes(step.action))
      throw new DeviceError('unsupported', `fake ${this.family} devices cannot ${step.action}`);
    const behaviour = this.behaviours.get(target.id) ?? this.fallback;
    try {
      if (behaviour.kind === 'hang') await untilAborted(ctx.signal);
      else if (behaviour.delayMs) await abortableSleep(behaviour.delayMs, ctx.signal);
    } catch (error) {
      if (ctx.signal.reason instanceof StepDeadlineExceeded)
        throw new DeviceError('timeout', 'fake step timed out');
      throw error;
    }
    if (behaviour.kind === 'fail')
      throw new DeviceError(behaviour.reason, behaviour.message ?? `scripted ${behaviour.reason}`);
    const result = await this.apply(step, target, ctx);
    // As a real driver's verification would: what the device placed at its address says about itself.
    const endpoint = target.endpoints[0];
    const readBack = endpoint ? this.identities.get(endpointKey(endpoint)) : undefined;
    return readBack ? { ...result, readBack } : result;
  }

  /** The side effect of a succeeded step. */
  private async apply(step: JobStep, target: DeviceTarget, ctx: DriverContext): Promise<StepResult> {
    const counters = this.countersOf(target.id);
    switch (step.action) {
      case 'reboot':
        counters.reboots += 1;
        break;
      case 'firmware-update': {
        const served = ctx.services
          ? await ctx.services.firmwareFor(step.images, target, { allowDowngrade: step.allowDowngrade })
          : undefined;
        if (served === null) throw new DeviceError('unsupported', `no image for ${target.model}`);
        if (served) this.firmware.set(target.id, served.version);
        counters.flashes += 1;
        break;
      }
      case 'config-change':
      case 'set-password':
        counters.configWrites += 1;
        break;
      case 'factory-reset':
        counters.resets += 1;
        break;
      case 'collect': {
        const content = { firmware: this.firmware.get(target.id) ?? '1.0.0' };
        const artifactId = await ctx.services?.saveArtifact(target, 'fake-snapshot', content);
        return { summary: 'fake collect done', ...(artifactId ? { artifactId } : {}) };
      }
      case 'raw-command':
        break;
      default:
        return assertNever(step, 'step');
    }
    return { summary: `fake ${step.action} done` };
  }

  private countersOf(deviceId: string): FakeCounters {
    let counters = this.counts.get(deviceId);
    if (!counters) {
      counters = { reboots: 0, flashes: 0, resets: 0, configWrites: 0 };
      this.counts.set(deviceId, counters);
    }
    return counters;
  }
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
