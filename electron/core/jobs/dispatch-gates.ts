import type { JobPolicy, JobStep } from '../../../shared/domain/job';
import type { DeviceTarget } from '../drivers/device-driver';

/** Steps after which the device restarts: the reboot stagger spaces them out. */
const RESTARTING: ReadonlySet<JobStep['action']> = new Set(['reboot', 'firmware-update', 'factory-reset']);

export function restartsDevice(step: JobStep): boolean {
  return RESTARTING.has(step.action);
}

/** Which limit a device counts against: its first endpoint's transport; a serial port is its own lane. */
export function laneOf(target: DeviceTarget): string {
  const endpoint = target.endpoints[0];
  if (!endpoint) return 'none';
  if (endpoint.transport === 'serial') return `serial:${endpoint.path}`;
  return endpoint.transport;
}

/**
 * The limits between "a slot is free" and "this device may start": per-lane concurrency, devices per
 * minute, and the stagger between restarts. Pure bookkeeping; the runner asks and waits.
 */
export class DispatchGates {
  private readonly inLane = new Map<string, number>();
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private nextRestartAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly policy: JobPolicy) {}

  /** How many devices this lane may run at once. */
  private laneLimit(lane: string): number {
    if (lane.startsWith('serial:')) return 1;
    if (lane === 'http') return this.policy.transportConcurrency.http ?? Number.POSITIVE_INFINITY;
    if (lane === 'mqtt') return this.policy.transportConcurrency.mqtt ?? Number.POSITIVE_INFINITY;
    return Number.POSITIVE_INFINITY;
  }

  laneFull(lane: string): boolean {
    return (this.inLane.get(lane) ?? 0) >= this.laneLimit(lane);
  }

  /** Earliest time the next device may start under the rate limit. */
  nextStartAt(): number {
    const rate = this.policy.ratePerMinute;
    return rate ? this.lastStartAt + 60_000 / rate : Number.NEGATIVE_INFINITY;
  }

  enter(lane: string, now: number): void {
    this.inLane.set(lane, (this.inLane.get(lane) ?? 0) + 1);
    this.lastStartAt = now;
  }

  leave(lane: string): void {
    const n = (this.inLane.get(lane) ?? 1) - 1;
    if (n <= 0) this.inLane.delete(lane);
    else this.inLane.set(lane, n);
  }

  /** Reserves the next restart slot; returns how long to wait before sending the step. */
  reserveRestart(now: number): number {
    const at = Math.max(now, this.nextRestartAt);
    this.nextRestartAt = at + this.policy.rebootStaggerMs;
    return at - now;
  }
}
