import type { DeviceId, DeviceSummary } from '../../../shared/domain/device';
import { compileFilter } from '../../../shared/domain/device-filter';
import type { Group, GroupCreate, GroupId, GroupUpdate } from '../../../shared/domain/group';
import { DomainError } from '../errors';
import type { Clock, EventSink, IdSource } from '../ports';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { GroupRepository } from '../storage/repositories/group-repository';

/** Static and smart groups; smart groups use the same filter model as the inventory view. */
export class GroupService {
  constructor(
    private readonly deps: {
      groups: GroupRepository;
      devices: DeviceRepository;
      events: EventSink;
      clock: Clock;
      ids: IdSource;
    },
  ) {}

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

  delete(id: GroupId): boolean {
    const deleted = this.deps.groups.delete(id);
    if (deleted) this.changed();
    return deleted;
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
