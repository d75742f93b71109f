import type { DeviceDetail, DeviceEdit, DeviceId, DeviceSummary } from '../../../shared/domain/device';
import type { UndoId } from '../../../shared/domain/undo';
import { DomainError } from '../errors';
import type { Clock, EventSink, IdSource } from '../ports';
import type {
  DeviceRemoval,
  DeviceRemovalRepository,
} from '../storage/repositories/device-removal-repository';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import { UndoWindow } from '../undo/undo-window';

/** The technician's side of the inventory: read, rename/tag/annotate/never-touch, forget and undo it. */
export class InventoryService {
  private readonly undo: UndoWindow<DeviceRemoval>;

  constructor(
    private readonly deps: {
      devices: DeviceRepository;
      removals: DeviceRemovalRepository;
      events: EventSink;
      clock: Clock;
      ids: IdSource;
      /** Static groups lost or regained members. */
      onMembershipChanged: () => void;
    },
  ) {
    this.undo = new UndoWindow({ clock: deps.clock, ids: deps.ids });
  }

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

  /**
   * Forgotten devices leave the inventory and static groups; their job history stays. For a while
   * (`UNDO_WINDOW_MS`) `restore(undoId)` puts back exactly what was removed.
   */
  forget(ids: readonly DeviceId[]): { forgotten: number; undoId: UndoId | null } {
    const removal = this.deps.removals.remove(ids);
    if (removal.ids.length === 0) return { forgotten: 0, undoId: null };
    this.deps.events.emit('devices.removed', { ids: removal.ids });
    this.deps.onMembershipChanged();
    return { forgotten: removal.ids.length, undoId: this.undo.keep(removal) as UndoId };
  }

  /** Undoes a `forget`: the devices with their names, notes, tags, groups and credentials. */
  restore(undoId: UndoId): { restored: number } {
    const restored = this.deps.removals.restore(this.undo.take(undoId));
    const devices = restored.flatMap((id) => this.deps.devices.get(id) ?? []);
    this.deps.events.emit('devices.updated', { devices });
    this.deps.onMembershipChanged();
    return { restored: devices.length };
  }
}
