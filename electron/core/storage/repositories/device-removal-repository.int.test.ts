import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../../shared/domain/device';
import { silentLogger } from '../../logging/json-logger';
import { seedDevices } from '../../../../test-support/core/seed-devices';
import { openDatabase, type Db } from '../database';
import { DeviceRemovalRepository } from './device-removal-repository';
import { DeviceRepository } from './device-repository';
import { GroupRepository } from './group-repository';

describe('DeviceRemovalRepository', () => {
  let db: Db;
  let devices: DeviceRepository;
  let groups: GroupRepository;
  let removals: DeviceRemovalRepository;
  let ids: DeviceId[];
  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    devices = new DeviceRepository(db);
    groups = new GroupRepository(db);
    removals = new DeviceRemovalRepository(db);
    ids = seedDevices(devices, 3);
  });
  afterEach(() => db.close());

  const rowsOf = (id: DeviceId) =>
    ['devices', 'endpoints', 'device_tags', 'device_sightings', 'group_members'].map((table) =>
      db.prepare(`SELECT * FROM ${table} WHERE ${table === 'devices' ? 'id' : 'device_id'} = ?`).all(id),
    );

  it('puts back every row a forgotten device owned, byte for byte', () => {
    devices.update({ id: ids[0]!, customName: 'Pump', notes: 'n', neverTouch: true, tags: ['a', 'b'] });
    groups.insert({
      kind: 'static',
      id: 'grp_porch0001' as never,
      name: 'Porch',
      deviceIds: [ids[0]!],
      createdAt: 1,
      updatedAt: 1,
    });
    const before = rowsOf(ids[0]!);
    const removal = removals.remove([ids[0]!, 'mac:000000000000' as DeviceId]);
    expect(removal.ids).toEqual([ids[0]]);
    expect(rowsOf(ids[0]!).every((rows) => rows.length === 0)).toBe(true);
    expect(removals.restore(removal)).toEqual([ids[0]]);
    expect(rowsOf(ids[0]!)).toEqual(before);
  });

  it('skips the membership of a group deleted meanwhile', () => {
    groups.insert({
      kind: 'static',
      id: 'grp_gone00001' as never,
      name: 'Gone',
      deviceIds: [ids[1]!],
      createdAt: 1,
      updatedAt: 1,
    });
    const removal = removals.remove([ids[1]!]);
    groups.delete('grp_gone00001' as never);
    removals.restore(removal);
    expect(devices.get(ids[1]!)).not.toBeNull();
    expect(groups.list()).toEqual([]);
  });
});
