import { describe, expect, it } from 'vitest';
import { device, smartGroup, staticGroup } from '../../../test-support/renderer/fixtures';
import type { DeviceSummary } from '../../../shared/domain/device';
import { EMPTY_DRAFT } from './filter-draft';
import { naturalKey, sortDeviceIds } from './device-sort';
import { selectVisibleIds } from './visible-devices';

const mapOf = (devices: DeviceSummary[]) => new Map(devices.map((d) => [d.id as string, d]));
const asc = { column: 'name' as const, direction: 'asc' as const };

describe('sorting', () => {
  it('orders names naturally and case-insensitively, ties by id', () => {
    const byId = mapOf([
      device(1, { name: 'pump 10' }),
      device(2, { name: 'Pump 9' }),
      device(3, { name: 'attic' }),
      device(4, { name: 'pump 9' }),
    ]);
    expect(sortDeviceIds(byId, asc)).toEqual([device(3).id, device(2).id, device(4).id, device(1).id]);
    expect(sortDeviceIds(byId, { column: 'name', direction: 'desc' })[0]).toBe(device(1).id);
    expect(naturalKey('Dev 9') < naturalKey('dev 10')).toBe(true);
  });

  it('sorts firmware by version, addresses by number, offline and untagged last', () => {
    const a = device(1, {
      firmware: '1.10.0',
      firmwareSemver: '1.10.0',
      address: '192.0.2.10:80',
      tags: ['b'],
    });
    const b = device(2, {
      firmware: '1.9.1',
      firmwareSemver: '1.9.1',
      address: '192.0.2.9:80',
      online: false,
    });
    const c = device(3, {
      firmware: '1.4.2',
      firmwareSemver: '1.4.2',
      address: null,
      lastSeenAt: 50,
      tags: ['a'],
    });
    const byId = mapOf([a, b, c]);
    const sorted = (column: 'firmware' | 'address' | 'online' | 'tags') =>
      sortDeviceIds(byId, { column, direction: 'asc' });
    expect(sorted('firmware')).toEqual([c.id, b.id, a.id]);
    expect(sorted('address')).toEqual([b.id, a.id, c.id]);
    expect(sorted('online')).toEqual([c.id, a.id, b.id]);
    expect(sorted('tags')).toEqual([c.id, a.id, b.id]);
  });
});

describe('the shown inventory', () => {
  const devices = [
    device(1, { name: 'Kitchen', firmware: '1.4.2', firmwareSemver: '1.4.2' }),
    device(2, {
      name: 'Roof',
      family: 'tasmota',
      firmware: '14.2.0',
      firmwareSemver: '14.2.0',
      tags: ['roof'],
    }),
    device(3, { name: 'Lab', firmware: '1.5.0', firmwareSemver: '1.5.0', online: false }),
  ];
  const byId = mapOf(devices);

  it('filters with the DeviceFilter built from the controls, including a firmware range', () => {
    const shown = (patch: Partial<typeof EMPTY_DRAFT>) =>
      selectVisibleIds(byId, asc, { ...EMPTY_DRAFT, ...patch }, undefined);
    expect(shown({ text: 'roo' })).toEqual([device(2).id]);
    expect(shown({ firmware: '>=1.4 <1.5' })).toEqual([device(1).id]);
    expect(shown({ firmware: '<14.0.0', online: 'online' })).toEqual([device(1).id]);
    expect(shown({ families: ['tasmota', 'esphome'] })).toEqual([device(2).id]);
    expect(shown({ tags: 'ROOF' })).toEqual([device(2).id]);
  });

  it('narrows to a static group (members still present) or a smart group', () => {
    const members = staticGroup(1, [device(3).id, 'mac:000000000099']);
    expect(selectVisibleIds(byId, asc, EMPTY_DRAFT, members)).toEqual([device(3).id]);
    const smart = smartGroup(1, { online: true });
    expect(selectVisibleIds(byId, asc, EMPTY_DRAFT, smart)).toEqual([device(1).id, device(2).id]);
    expect(selectVisibleIds(byId, asc, { ...EMPTY_DRAFT, text: 'roof' }, smart)).toEqual([device(2).id]);
  });

  it('hands out the same array until an input changes', () => {
    const draft = { ...EMPTY_DRAFT, text: 'o' };
    const first = selectVisibleIds(byId, asc, draft, undefined);
    expect(selectVisibleIds(byId, asc, draft, undefined)).toBe(first);
    expect(selectVisibleIds(byId, asc, { ...draft }, undefined)).not.toBe(first);
  });
});

describe('typing into the filter', () => {
  it('gives the same result whether the text grows key by key or is set at once', () => {
    const byId = mapOf(
      Array.from({ length: 60 }, (_, i) =>
        device(i, { name: `${['Kitchen', 'Hall', 'Kit room'][i % 3]} ${i}`, online: i % 4 !== 0 }),
      ),
    );
    const typed = (text: string, online: 'any' | 'online') =>
      selectVisibleIds(byId, asc, { ...EMPTY_DRAFT, text, online }, undefined);
    let stepwise: readonly string[] = [];
    for (const text of ['k', 'ki', 'kit', 'kitc', 'kitche', 'kitchen 1']) stepwise = typed(text, 'online');
    // Shrinking the text starts from the whole inventory again, as does changing another criterion.
    expect(typed('kit', 'online')).toHaveLength(30);
    expect(typed('kit', 'any')).toHaveLength(40);
    const direct = typed('kitchen 1', 'any').filter((id) => byId.get(id)!.online);
    expect(stepwise).toEqual(direct);
    expect(stepwise.length).toBeGreaterThan(0);
  });
});
