import type { DeviceId, DeviceSummary } from '../../../shared/domain/device';
import { compileFilter } from '../../../shared/domain/device-filter';
import type { Group, GroupCreate, GroupId, GroupUpdate } from '../../../shared/domain/group';
import type { UndoId } from '../../../shared/domain/undo';
import { DomainError } from '../errors';
import type { Clock, EventSink, IdSource } from '../ports';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { GroupRepository } from '../storage/repositories/group-repository';
import { UndoWindow } from '../undo/undo-window';

/** Static and smart groups; smart groups use the same filter model as the inventory view. */
export class GroupService {
  private readonly undo: UndoWindow<Group>;

  constructor(
    private readonly deps: {
      groups: GroupRepository;
      devices: DeviceRepository;
      events: EventSink;
      clock: Clock;
      ids: IdSource;
    },
  ) {
    this.undo = new UndoWindow({ clock: deps.clock, ids: deps.ids });
  }

  list(): Group[] {
    return this.deps.groups.list();
  }

  create(input: GroupCreate): Group {
    const at = this.deps.clock.now();
    const id = this.deps.ids.next('grp') as GroupId;
    const base = { id, name: input.name, createdAt: at, updatedAt: at };
    const group: Group =
      input.kind === 'static'
        ? { ...base, kind: 'static', deviceIds: input.deviceIds }
        : { ...base, kind: 'smart', filter: input.filter };
    this.deps.groups.insert(group);
    this.changed();
    return this.deps.groups.get(id)!;
  }

  update(input: GroupUpdate): Group {
    const group = this.deps.groups.get(input.id);
    if (!group) throw new DomainError('NOT_FOUND', `no group ${input.id}`);
    if (group.kind === 'static' && input.filter)
      throw new DomainError('CONFLICT', 'a static group has members, not a filter');
    if (group.kind === 'smart' && input.deviceIds)
      throw new DomainError('CONFLICT', 'a smart group has a filter, not members');
    const updatedAt = this.deps.clock.now();
    const next: Group =
      group.kind === 'static'
        ? {
            ...group,
            name: input.name ?? group.name,
            deviceIds: input.deviceIds ?? group.deviceIds,
            updatedAt,
          }
        : { ...group, name: input.name ?? group.name, filter: input.filter ?? group.filter, updatedAt };
    this.deps.groups.save(next);
    this.changed();
    return this.deps.groups.get(group.id)!;
  }

  /** Deletes a group (its devices stay); for a while `restore(undoId)` brings it back as it was. */
  delete(id: GroupId): { deleted: boolean; undoId: UndoId | null } {
    const group = this.deps.groups.get(id);
    if (!group || !this.deps.groups.delete(id)) return { deleted: false, undoId: null };
    this.changed();
    return { deleted: true, undoId: this.undo.keep(group) as UndoId };
  }

  /**
   * Undoes a `delete`: same id, name, filter and dates, and the static members still in the inventory (a
   * device forgotten meanwhile is not brought back by this).
   */
  restore(undoId: UndoId): Group {
    const group = this.undo.take(undoId);
    const known = new Set(this.deps.devices.list().map((d) => d.id));
    this.deps.groups.insert(
      group.kind === 'static'
        ? { ...group, deviceIds: group.deviceIds.filter((id) => known.has(id)) }
        : group,
    );
    this.changed();
    return this.deps.groups.get(group.id)!;
  }

  /** Members now: a static group's listed devices still in the inventory, or what a smart filter matches. */
  members(id: GroupId, inventory: readonly DeviceSummary[] = this.deps.devices.list()): DeviceId[] {
    const group = this.deps.groups.get(id);
    if (!group) throw new DomainError('NOT_FOUND', `no group ${id}`);
    if (group.kind === 'static') return group.deviceIds;
    const matches = compileFilter(group.filter);
    return inventory.filter(matches).map((d) => d.id);
  }

  /** Forgetting devices changes static groups (the rows cascade), so the list is sent again. */
  changed(): void {
    this.deps.events.emit('groups.changed', { groups: this.deps.groups.list() });
  }
}
