import type { Clock } from '../../ports';
import { abortableSleep } from '../abortable-sleep';
import type { DeviceTarget, DriverContext, IdentifiedDevice, StepServices } from '../device-driver';
import { DeviceError } from '../../device-error';
import { openLink, type TasmotaTransports } from './tasmota-channel-choice';
import type { Status0Reading, TasmotaLink } from './tasmota-link';
import { waitForRestart, type RestartSeen } from './tasmota-restart-wait';

/** Time budgets of the Tasmota driver (TasmotaDriverOptions documents each). */
export interface TasmotaTiming {
  commandTimeoutMs: number;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  restartTimeoutMs: number;
  otaTimeoutMs: number;
  verifyTimeoutMs: number;
}

/** An opened link and the `Status 0` read on it, with the time of that reading. */
export interface OpenedLink {
  link: TasmotaLink;
  baseline: Status0Reading;
  baselineAt: number;
}

/**
 * One step's (or one read's) session with a device, bound to its target and context: opening the transport
 * (closed again by `dispose`), progress that also remembers the phase for deadline messages, and the restart
 * wait. Production code of the driver, not a test kit.
 */
export class TasmotaStepSession {
  /** The last progress message: what the step was doing when its budget ran out. */
  phase = 'starting';
  /** The device as the newest `Status 0` of this session describes it (what identify would answer now). */
  lastSeen: IdentifiedDevice | null = null;
  private readonly links: TasmotaLink[] = [];

  readonly target: DeviceTarget;
  readonly ctx: DriverContext;
  readonly transports: TasmotaTransports;
  readonly clock: Clock;
  readonly timing: TasmotaTiming;

  constructor(parts: {
    target: DeviceTarget;
    ctx: DriverContext;
    transports: TasmotaTransports;
    clock: Clock;
    timing: TasmotaTiming;
  }) {
    ({
      target: this.target,
      ctx: this.ctx,
      transports: this.transports,
      clock: this.clock,
      timing: this.timing,
    } = parts);
  }

  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  /** The app's step services; their absence is a wiring bug, not a device problem. */
  services(): StepServices {
    const { services } = this.ctx;
    if (!services) throw new DeviceError('internal', 'Tasmota steps need step services');
    return services;
  }

  async credentials() {
    return this.ctx.credentials ?? (await this.ctx.services?.credentialsFor(this.target)) ?? null;
  }

  progress(message: string, percent?: number): void {
    this.phase = message;
    this.ctx.onProgress?.(percent === undefined ? { message } : { message, percent });
  }

  /** Opens the first answering transport (tasmota-channel-choice.ts) and reads the baseline. */
  async open(options: { avoidMqtt?: boolean } = {}): Promise<OpenedLink> {
    this.progress('connecting');
    const opened = await openLink({
      transports: this.transports,
      endpoints: this.target.endpoints,
      mac: this.target.mac,
      credentials: () => this.credentials(),
      signal: this.signal,
      commandTimeoutMs: this.timing.commandTimeoutMs,
      avoidMqtt: options.avoidMqtt,
    });
    this.links.push(opened.link);
    this.lastSeen = opened.baseline.status.device;
    return { ...opened, baselineAt: this.clock.now() };
  }

  /** Waits for a new boot since `opened.baseline` (tasmota-restart-wait.ts); `what` names the cause. */
  async waitForRestart(
    opened: OpenedLink,
    what: string,
    timeoutMs = this.timing.restartTimeoutMs,
  ): Promise<RestartSeen> {
    this.progress(`waiting for the device to restart after ${what}`);
    const seen = await waitForRestart({
      link: opened.link,
      clock: this.clock,
      before: opened.baseline.marks,
      beforeAt: opened.baselineAt,
      timeoutMs,
      pollIntervalMs: this.timing.pollIntervalMs,
      pollTimeoutMs: this.timing.pollTimeoutMs,
      signal: this.signal,
      what,
    });
    this.lastSeen = seen.after.status.device;
    return seen;
  }

  /** Pause between read-backs; rejects with the signal's reason on abort. */
  pause(): Promise<void> {
    return abortableSleep(this.timing.pollIntervalMs, this.signal);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.links.splice(0).map((link) => link.channel.close()));
  }
}
