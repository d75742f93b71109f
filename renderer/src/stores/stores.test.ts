import { afterEach, describe, expect, it } from 'vitest';
import { resetAll } from '../../../test-support/renderer/reset-stores';
import {
  detail,
  device,
  discoverySettings,
  smartGroup,
  staticGroup,
} from '../../../test-support/renderer/fixtures';
import {
  deviceDetailLoaded,
  deviceNotesSaved,
  devicesLoaded,
  devicesRemoved,
  devicesStore,
  devicesUpdated,
} from './devices-store';
import { brokerRemoved, brokerSaved, discoverySettingsLoaded, discoveryStore } from './discovery-store';
import { groupRemoved, groupSaved, groupsLoaded, groupsStore } from './groups-store';

afterEach(resetAll);

describe('devices store', () => {
  it('replaces the inventory on load and applies updates by id', () => {
    devicesLoaded([device(1), device(2)]);
    expect(devicesStore.getState().isLoaded).toBe(true);
    devicesUpdated([device(2, { online: false }), device(3)]);
    const { byId } = devicesStore.getState();
    expect([...byId.keys()]).toEqual([device(1).id, device(2).id, device(3).id]);
    expect(byId.get(device(2).id)).toMatchObject({ online: false });
  });

  it('drops forgotten devices and their cached detail', () => {
    devicesLoaded([device(1), device(2)]);
    deviceDetailLoaded(detail(1));
    devicesRemoved([device(1).id]);
    expect(devicesStore.getState().byId.has(device(1).id)).toBe(false);
    expect(devicesStore.getState().details[device(1).id]).toBeUndefined();
    expect(devicesStore.getState().byId.has(device(2).id)).toBe(true);
  });

  it('keeps a cached detail current: summary from events, notes from a saved edit', () => {
    devicesLoaded([device(1)]);
    deviceDetailLoaded(detail(1, { notes: 'old' }));
    devicesUpdated([device(1, { tags: ['roof'] })]);
    deviceNotesSaved(device(1).id, 'new');
    const cached = devicesStore.getState().details[device(1).id]!;
    expect(cached.device.tags).toEqual(['roof']);
    expect(cached.notes).toBe('new');
    expect(cached.endpoints).toHaveLength(1);
  });

  it('gives a new map on every change, so selectors can memoise by identity', () => {
    devicesLoaded([device(1)]);
    const before = devicesStore.getState().byId;
    devicesUpdated([device(1, { online: false })]);
    expect(devicesStore.getState().byId).not.toBe(before);
    expect(before.get(device(1).id)!.online).toBe(true);
  });
});

describe('groups store', () => {
  it('takes the whole list from groups.changed and single results from commands', () => {
    groupsLoaded([staticGroup(1, []), smartGroup(2, { online: true })]);
    groupSaved(staticGroup(1, [device(1).id], 'Renamed'));
    groupRemoved(smartGroup(2, {}).id);
    expect(Object.values(groupsStore.getState().byId)).toEqual([staticGroup(1, [device(1).id], 'Renamed')]);
  });
});

describe('discovery store', () => {
  it('merges saved and removed brokers into the settings', () => {
    discoverySettingsLoaded(discoverySettings());
    const broker = {
      id: 'brk_aaaaaaaa' as never,
      name: 'Site broker',
      url: 'mqtt://broker:1883',
      username: null,
      hasPassword: true,
      caPem: null,
      enabled: true,
    };
    brokerSaved(broker);
    brokerSaved({ ...broker, enabled: false });
    expect(discoveryStore.getState().settings!.brokers).toEqual([{ ...broker, enabled: false }]);
    brokerRemoved(broker.id);
    expect(discoveryStore.getState().settings!.brokers).toEqual([]);
  });
});
