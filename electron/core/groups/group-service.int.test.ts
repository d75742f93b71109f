import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { DomainError } from '../errors';
import { InventoryService } from '../inventory/inventory-service';
import { GroupRepository } from '../storage/repositories/group-repository';
import { createCoreHarness, type CoreHarness } from '../test-support/core-harness';
import { seedDevices } from '../test-support/seed-devices';
import { GroupService } from './group-service';

describe('GroupService', () => {
  let h: CoreHarness;
  let groups: GroupService;
  let ids: DeviceId[];
  beforeEach(() => {
    h = createCoreHarness([]);
    groups = new GroupService({
      groups: new GroupRepository(h.db),
      devices: h.devices,
      events: h.events,
      clock: h.clock,
      ids: h.ids,
    });
    ids = seedDevices(h.devices, 6);
  });

  it('keeps static members, drops forgotten devices from them, and announces every change', () => {
    const group = groups.create({
      kind: 'static',
      name: 'Boiler room',
      deviceIds: [ids[0]!, ids[1]!, 'mac:ffffffffffff' as DeviceId],
    });
    expect(group).toMatchObject({ kind: 'static', deviceIds: [ids[0], ids[1]].sort() });
    const inventory = new InventoryService({
      devices: h.devices,
      events: h.events,
      onForgotten: () => groups.changed(),
    });
    inventory.forget([ids[0]!]);
    expect(groups.members(group.id)).toEqual([ids[1]]);
    expect(h.events.of('groups.changed').at(-1)!.groups[0]).toMatchObject({ deviceIds: [ids[1]] });
    expect(h.events.of('devices.removed')).toEqual([{ ids: [ids[0]] }]);
  });

  it('evaluates smart groups over the live inventory', () => {
    const group = groups.create({ kind: 'smart', name: 'Low numbers', filter: { text: 'Device 00' } });
    expect(groups.members(group.id)).toHaveLength(6);
    h.devices.update({ id: ids[2]!, tags: ['roof'] });
    const updated = groups.update({ id: group.id, filter: { tags: ['roof'] }, name: 'Roof' });
    expect(updated).toMatchObject({ name: 'Roof', filter: { tags: ['roof'] } });
    expect(groups.members(group.id)).toEqual([ids[2]]);
  });

  it('refuses changes that do not fit the kind, and unknown groups', () => {
    const smart = groups.create({ kind: 'smart', name: 'S', filter: {} });
    const fixed = groups.create({ kind: 'static', name: 'F', deviceIds: [] });
    expect(() => groups.update({ id: smart.id, deviceIds: [ids[0]!] })).toThrow(DomainError);
    expect(() => groups.update({ id: fixed.id, filter: { online: true } })).toThrow(/static group/);
    expect(() => groups.members('grp_doesnotexist' as never)).toThrow(/no group/);
    expect(groups.delete(fixed.id)).toBe(true);
    expect(groups.delete(fixed.id)).toBe(false);
    expect(groups.list().map((g) => g.name)).toEqual(['S']);
  });
});
