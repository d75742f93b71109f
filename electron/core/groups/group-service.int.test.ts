import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { DomainError } from '../errors';
import { InventoryService } from '../inventory/inventory-service';
import { DeviceRemovalRepository } from '../storage/repositories/device-removal-repository';
import { GroupRepository } from '../storage/repositories/group-repository';
import { UNDO_WINDOW_MS } from '../undo/undo-window';
import { createCoreHarness, type CoreHarness } from '../../../test-support/core/core-harness';
import { seedDevices } from '../../../test-support/core/seed-devices';
import { GroupService } from './group-service';

const inventoryOf = (h: CoreHarness, groups: GroupService, clock = h.clock) =>
  new InventoryService({
    devices: h.devices,
    removals: new DeviceRemovalRepository(h.db),
    events: h.events,
    clock,
    ids: h.ids,
    onMembershipChanged: () => groups.changed(),
  });

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
    const inventory = inventoryOf(h, groups);
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
    expect(groups.delete(fixed.id)).toMatchObject({ deleted: true, undoId: expect.stringMatching(/^undo_/) });
    expect(groups.delete(fixed.id)).toEqual({ deleted: false, undoId: null });
    expect(groups.list().map((g) => g.name)).toEqual(['S']);
  });

  it('undoes a group delete: same id, name and members, once, and only within the undo time', () => {
    let now = 5_000;
    const clock = { now: () => now };
    const timed = new GroupService({
      groups: new GroupRepository(h.db),
      devices: h.devices,
      events: h.events,
      clock,
      ids: h.ids,
    });
    const porch = timed.create({ kind: 'static', name: 'Porch', deviceIds: [ids[0]!, ids[1]!] });
    const smart = timed.create({ kind: 'smart', name: 'Roof', filter: { tags: ['roof'] } });
    const { undoId } = timed.delete(porch.id);
    expect(timed.list().map((g) => g.name)).toEqual(['Roof']);
    inventoryOf(h, timed).forget([ids[1]!]);
    expect(timed.restore(undoId!)).toEqual({ ...porch, deviceIds: [ids[0]] });
    expect(
      h.events
        .of('groups.changed')
        .at(-1)!
        .groups.map((g) => g.name),
    ).toEqual(['Porch', 'Roof']);
    expect(() => timed.restore(undoId!)).toThrow(/too late to undo/);
    const late = timed.delete(smart.id).undoId!;
    now += UNDO_WINDOW_MS + 1;
    expect(() => timed.restore(late)).toThrow(DomainError);
    expect(timed.list().map((g) => g.name)).toEqual(['Porch']);
  });

  it('undoes forgetting devices: back with custom name, notes, tags, groups and endpoints', () => {
    const inventory = inventoryOf(h, groups);
    h.devices.update({
      id: ids[0]!,
      customName: 'Boiler pump',
      notes: 'behind the panel',
      tags: ['roof', 'pump'],
    });
    const porch = groups.create({ kind: 'static', name: 'Porch', deviceIds: [ids[0]!, ids[1]!, ids[2]!] });
    const before = inventory.detail(ids[0]!);
    const { forgotten, undoId } = inventory.forget([ids[0]!, ids[1]!]);
    expect(forgotten).toBe(2);
    expect(inventory.list()).toHaveLength(4);
    expect(groups.members(porch.id)).toEqual([ids[2]]);
    expect(inventory.restore(undoId!)).toEqual({ restored: 2 });
    expect(inventory.list()).toHaveLength(6);
    expect(inventory.detail(ids[0]!)).toEqual(before);
    expect(groups.members(porch.id)).toEqual([ids[0], ids[1], ids[2]]);
    expect(
      h.events
        .of('devices.updated')
        .at(-1)!
        .devices.map((d) => d.id),
    ).toEqual([ids[0], ids[1]]);
    expect(h.events.of('groups.changed').at(-1)!.groups[0]).toMatchObject({
      deviceIds: [ids[0], ids[1], ids[2]],
    });
    expect(() => inventory.restore(undoId!)).toThrow(/too late to undo/);
    expect(inventory.forget(['mac:ffffffffffff' as DeviceId])).toEqual({ forgotten: 0, undoId: null });
  });

  it('gives a device seen again before the undo its name and tags back, keeping its new sighting', () => {
    const inventory = inventoryOf(h, groups);
    h.devices.update({ id: ids[3]!, customName: 'Gate', tags: ['yard'] });
    const { undoId } = inventory.forget([ids[3]!]);
    seedDevices(h.devices, 4, 30_000); // ids[3] announces itself again, on another port
    inventory.restore(undoId!);
    const back = inventory.detail(ids[3]!);
    expect(back.device).toMatchObject({ customName: 'Gate', tags: ['yard'] });
  });
});
