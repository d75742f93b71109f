import type { DeviceDetail, DeviceEdit, DeviceId, DeviceSummary } from '../../../shared/domain/device';
import { DomainError } from '../errors';
import type { EventSink } from '../ports';
import type { DeviceRepository } from '../storage/repositories/device-repository';

/** The technician's side of the inventory: read, rename/tag/annotate/never-touch, forget. */
export class InventoryService {
  constructor(
    private readonly deps: { devices: DeviceRepository; events: EventSink; onForgotten: () => void },
  ) {}

  list(): DeviceSummary[] {
    return this.deps.devices.list();
  }

  detail(id: DeviceId): DeviceDetail {
    const detail = this.deps.devices.detail(id);
    if (!detail) throw new DomainError('NOT_FOUND', `no device ${id}`);
    return detail;
  }

  update(edit: DeviceEdit): DeviceSummary {
    const device = this.deps.devices.update(edit);
    if (!device) throw new DomainError('NOT_FOUND', `no device ${edit.id}`);
    this.deps.events.emit('devices.updated', { devices: [device] });
    return device;
  }

  /** Forgotten devices leave the inventory and static groups; their job history stays. */
  forget(ids: readonly DeviceId[]): number {
    const forgotten = this.deps.devices.forget(ids);
    if (forgotten.length > 0) {
      this.deps.events.emit('devices.removed', { ids: forgotten });
      this.deps.onForgotten();
    }
    return forgotten.length;
  }
}
