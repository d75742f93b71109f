import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupCreate } from '../../../../shared/domain/group';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { devicesLoaded, devicesRemoved, devicesUpdated } from '../../stores/devices-store';
import { groupsLoaded } from '../../stores/groups-store';
import { selectionReplaced } from '../../stores/selection-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { device, smartGroup, staticGroup } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { DevicesPanel } from '../devices/devices-panel';
import { GroupsSidebar } from './groups-sidebar';

afterEach(resetAll);

const fleet = [
  device(1, { name: 'Old A', family: 'tasmota', firmware: '13.4.0', firmwareSemver: '13.4.0' }),
  device(2, { name: 'Old B', family: 'tasmota', firmware: '12.5.0', firmwareSemver: '12.5.0' }),
  device(3, { name: 'New', family: 'tasmota', firmware: '14.2.0', firmwareSemver: '14.2.0' }),
  device(4, { name: 'Shelly', firmware: '1.4.2', firmwareSemver: '1.4.2' }),
];

/** A transport that answers groups.create like main. */
function mainLike() {
  const transport = new FakeTransport({
    'groups.create': (input) => {
      const create = input as GroupCreate;
      return ok(
        create.kind === 'static'
          ? staticGroup(9, create.deviceIds, create.name)
          : smartGroup(9, create.filter, create.name),
      );
    },
    'groups.delete': () => ok({ deleted: true, undoId: null }),
  });
  setTransport(transport);
  return transport;
}

const groupItem = (name: string) =>
  screen.getByRole('button', { name: new RegExp(`^${name}`) }).closest('li')!;
const count = (name: string) => within(groupItem(name)).getByTestId('group-count').textContent;

describe('groups sidebar', () => {
  it('shows live member counts: static members still in the inventory, smart matches', () => {
    devicesLoaded(fleet);
    groupsLoaded([
      staticGroup(1, [device(1).id, device(4).id, 'mac:00000000dead'], 'Pumps'),
      smartGroup(2, { families: ['tasmota'], firmware: '<14.0.0' }, 'Tasmota below 14'),
    ]);
    render(<GroupsSidebar />);
    expect(count('Pumps')).toBe('2');
    expect(count('Tasmota below 14')).toBe('2');
    act(() => devicesUpdated([device(2, { ...fleet[1], firmware: '14.2.0', firmwareSemver: '14.2.0' })]));
    expect(count('Tasmota below 14')).toBe('1');
    act(() => devicesRemoved([device(4).id]));
    expect(count('Pumps')).toBe('1');
  });

  it('shows the live match count while a smart group is typed, with the schema message for a bad range', async () => {
    const transport = mainLike();
    devicesLoaded(fleet);
    render(<GroupsSidebar />);
    fireEvent.click(screen.getByRole('button', { name: 'New smart group' }));
    const editor = screen.getByRole('form', { name: 'New smart group' });
    const matches = () => within(editor).getByTestId('smart-group-matches').textContent;
    expect(matches()).toBe('Matches 4 devices');
    fireEvent.click(within(editor).getByRole('checkbox', { name: 'tasmota' }));
    expect(matches()).toBe('Matches 3 devices');
    const firmware = within(editor).getByLabelText('Firmware range');
    fireEvent.change(firmware, { target: { value: '<14.' } });
    expect(within(editor).getByText('not a version range (try "<14.0.0" or ">=1.4 <1.5")')).toBeTruthy();
    expect(within(editor).getByRole('button', { name: 'Create group' })).toHaveProperty('disabled', true);
    fireEvent.change(firmware, { target: { value: '<14.0.0' } });
    expect(matches()).toBe('Matches 2 devices');
    fireEvent.change(within(editor).getByLabelText('Group name'), { target: { value: 'Tasmota below 14' } });
    await act(async () => fireEvent.click(within(editor).getByRole('button', { name: 'Create group' })));
    expect(transport.invoked).toEqual([
      {
        name: 'groups.create',
        input: {
          kind: 'smart',
          name: 'Tasmota below 14',
          filter: { families: ['tasmota'], firmware: '<14.0.0' },
        },
      },
    ]);
    expect(count('Tasmota below 14')).toBe('2');
  });

  it('creates a static group from the selection', async () => {
    const transport = mainLike();
    devicesLoaded(fleet);
    selectionReplaced([device(2).id, device(3).id]);
    render(<GroupsSidebar />);
    fireEvent.click(screen.getByRole('button', { name: 'New static group (2 selected)' }));
    const form = screen.getByRole('form', { name: 'New static group' });
    fireEvent.change(within(form).getByLabelText('Group name'), { target: { value: '  Hall  ' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Create group' })));
    expect(transport.invoked[0]).toEqual({
      name: 'groups.create',
      input: { kind: 'static', name: 'Hall', deviceIds: [device(2).id, device(3).id] },
    });
    expect(count('Hall')).toBe('2');
  });

  it('narrows the inventory to the clicked group, and back', () => {
    devicesLoaded(fleet);
    groupsLoaded([smartGroup(1, { firmware: '<14.0.0', families: ['tasmota'] }, 'Old Tasmota')]);
    render(
      <>
        <GroupsSidebar />
        <DevicesPanel />
      </>,
    );
    const rows = () => screen.getAllByRole('row').filter((r) => r.dataset.deviceId).length;
    expect(rows()).toBe(4);
    fireEvent.click(screen.getByRole('button', { name: /^Old Tasmota/ }));
    expect(rows()).toBe(2);
    expect(screen.getByTestId('active-group').textContent).toContain('Old Tasmota');
    fireEvent.click(screen.getByRole('button', { name: /^All devices/ }));
    expect(rows()).toBe(4);
  });

  it('deletes a group after the confirmation', async () => {
    const transport = mainLike();
    groupsLoaded([staticGroup(1, [], 'Spare')]);
    render(<GroupsSidebar />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete group Spare' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete group' })));
    expect(transport.invoked).toEqual([{ name: 'groups.delete', input: { id: staticGroup(1, []).id } }]);
    expect(screen.queryByText('Spare')).toBeNull();
  });
});
