import type { DeviceFamily } from '../../../../shared/domain/device';
import type { FailureReason, JobStep, StepAction } from '../../../../shared/domain/job';
import { abortableSleep } from '../abortable-sleep';
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
} from '../device-driver';
import { DeviceError } from '../device-error';
import { endpointKey } from '../../discovery/endpoint-key';

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

/** Scriptable driver for engine and UI tests: no network, behaviour chosen per device. */
export class FakeDriver implements DeviceDriver {
  readonly capabilities = ['reboot'] as const;
  readonly mdnsServiceTypes: readonly string[] = [];
  readonly calls: FakeCall[] = [];
  private readonly behaviours = new Map<string, FakeBehaviour>();
  private readonly identities = new Map<string, IdentifiedDevice>();
  private readonly firmware = new Map<string, string>();

  constructor(
    readonly family: DeviceFamily = 'shelly',
    private readonly fallback: FakeBehaviour = { kind: 'succeed' },
  ) {}

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
    const behaviour = this.behaviours.get(target.id) ?? this.fallback;
    try {
      if (behaviour.kind === 'hang')
        await new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        );
      if (behaviour.kind !== 'hang' && behaviour.delayMs) await abortableSleep(behaviour.delayMs, ctx.signal);
    } catch (error) {
      if (ctx.signal.reason instanceof StepDeadlineExceeded)
        throw new DeviceError('timeout', 'fake step timed out');
      throw error;
    }
    if (behaviour.kind === 'fail')
      throw new DeviceError(behaviour.reason, behaviour.message ?? `scripted ${behaviour.reason}`);
    return { summary: `fake ${step.action} done` };
  }
}
