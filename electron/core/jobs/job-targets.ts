import type { DeviceId } from '../../../shared/domain/device';
import type { DeviceDriver, DeviceTarget } from '../drivers/device-driver';
import { DeviceError } from '../device-error';
import type { DriverRegistry } from '../drivers/driver-registry';
import type { ReadyQueue } from './ready-queue';
import type { JobTarget } from './device-lookup';

/** A device a job can start: its driver and where to reach it. */
export interface Resolved {
  driver: DeviceDriver;
  target: DeviceTarget;
}

/** The driver and addresses for a device as the inventory has it now, or why it cannot be started. */
export function resolveTarget(
  deviceId: DeviceId,
  device: JobTarget | null,
  drivers: DriverRegistry,
): Resolved | DeviceError {
  if (!device) return new DeviceError('unknown-device', 'the device is no longer in the inventory');
  const driver = drivers.get(device.family);
  if (!driver) return new DeviceError('unsupported', `no driver for ${device.family}`);
  if (device.endpoints.length === 0) return new DeviceError('unreachable', 'no known address for the device');
  const { family, mac, model, endpoints } = device;
  return { driver, target: { id: deviceId, family, mac, model, endpoints } };
}

/**
 * Device targets for one scheduling pass: the first time a device in line is asked for, it and the next ones
 * behind it are read in one query; the batch lives only as long as the (synchronous) pass, so nothing in it
 * is older than the pass. Fifty devices handed over at once cost two reads, not a hundred.
 */
export class TargetBatch {
  private readonly read = new Map<DeviceId, JobTarget | null>();

  constructor(
    private readonly lookup: (ids: readonly DeviceId[]) => Map<DeviceId, JobTarget>,
    private readonly size: number,
  ) {}

  get(queue: Pick<ReadyQueue, 'at' | 'slice'>, index: number): JobTarget | null {
    const id = queue.at(index);
    if (!this.read.has(id)) {
      const ids = queue.slice(index, index + Math.max(1, this.size));
      const found = this.lookup(ids);
      for (const next of ids) this.read.set(next, found.get(next) ?? null);
    }
    return this.read.get(id) ?? null;
  }
}
