import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { devicesLoaded, devicesStore, devicesUpdated } from '../../stores/devices-store';
import { groupsLoaded, groupsStore } from '../../stores/groups-store';
import { UNDO_SHOWN_MS } from '../../stores/undo-store';
import { UndoToast } from '../../components/undo-toast';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { device, staticGroup } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { forgetDevices } from '../device-detail/device-actions';
import { GroupsSidebar } from './groups-sidebar';

afterEach(() => {
  resetAll();
  vi.useRealTimers();
});

const UNDO = 'undo_0000000001';
const spare = staticGroup(1, [device(1).id], 'Spare');

describe('Undo after a removal', () => {
  it('brings a deleted group back with one click on Undo', async () => {
    const transport = new FakeTransport({
      'groups.delete': () => ok({ deleted: true, undoId: UNDO }),
      'groups.restore': () => ok(spare),
    });
    setTransport(transport);
    devicesLoaded([device(1)]);
    groupsLoaded([spare]);
    render(
      <>
        <GroupsSidebar />
        <UndoToast />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete group Spare' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete group' })));
    expect(groupsStore.getState().byId[spare.id]).toBeUndefined();
    const toast = screen.getByTestId('undo-toast');
    expect(toast.textContent).toContain('Removed group “Spare”');
    await act(async () => fireEvent.click(within(toast).getByRole('button', { name: 'Undo' })));
    expect(transport.invoked.at(-1)).toEqual({ name: 'groups.restore', input: { undoId: UNDO } });
    expect(groupsStore.getState().byId[spare.id]).toEqual(spare);
    expect(screen.queryByTestId('undo-toast')).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete group Spare' })).toBeTruthy();
  });

  it('offers Undo for forgotten devices for a while, then lets it go', async () => {
    vi.useFakeTimers();
    const transport = new FakeTransport({
      'devices.forget': () => ok({ forgotten: 2, undoId: UNDO }),
      'devices.restore': () => ok({ restored: 2 }),
    });
    setTransport(transport);
    devicesLoaded([device(1), device(2), device(3)]);
    render(<UndoToast />);
    await act(async () => void (await forgetDevices([device(1).id, device(2).id])));
    expect([...devicesStore.getState().byId.keys()]).toEqual([device(3).id]);
    expect(screen.getByTestId('undo-toast').textContent).toContain('Removed 2 devices');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(transport.invoked.at(-1)).toEqual({ name: 'devices.restore', input: { undoId: UNDO } });
    // Main announces the devices it put back; the store follows that event like any other.
    act(() => devicesUpdated([device(1), device(2)]));
    expect(devicesStore.getState().byId.size).toBe(3);

    await act(async () => void (await forgetDevices([device(3).id])));
    expect(screen.getByTestId('undo-toast')).toBeTruthy();
    act(() => vi.advanceTimersByTime(UNDO_SHOWN_MS + 1));
    expect(screen.queryByTestId('undo-toast')).toBeNull();
  });
});
