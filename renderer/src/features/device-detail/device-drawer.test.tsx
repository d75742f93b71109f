import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { subscribeToEvents } from '../../api/bridge';
import { devicesLoaded, devicesStore } from '../../stores/devices-store';
import { uiStore } from '../../stores/ui-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { detail, device } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import type { DeviceEdit } from '../../../../shared/domain/device';
import { DeviceDrawer } from './device-drawer';
import { openDevice } from './device-actions';

afterEach(resetAll);

/** The drawer's Run history section asks for the device's runs: none here. */
const NO_RUNS = { total: 0, offset: 0, entries: [] };

/** A transport whose devices.update answers like main: the edited summary. */
function mainLike() {
  const transport = new FakeTransport({
    'history.deviceTimeline': () => ok(NO_RUNS),
    'devices.get': () =>
      ok(detail(1, { notes: 'fuse box left', device: devicesStore.getState().byId.get(device(1).id)! })),
    'devices.update': (input) => {
      const edit = input as DeviceEdit;
      const current = devicesStore.getState().byId.get(edit.id)!;
      return ok({
        ...current,
        ...(edit.customName !== undefined ? { customName: edit.customName, name: edit.customName } : {}),
        ...(edit.tags ? { tags: edit.tags } : {}),
        ...(edit.neverTouch !== undefined ? { neverTouch: edit.neverTouch } : {}),
      });
    },
    'devices.forget': () => ok({ forgotten: 1 }),
  });
  setTransport(transport);
  return transport;
}

async function openDrawer() {
  devicesLoaded([device(1), device(2)]);
  render(<DeviceDrawer />);
  await act(() => openDevice(device(1).id));
  return screen.getByRole('dialog', { name: 'Device details' });
}

const edits = (transport: FakeTransport) =>
  transport.invoked.filter((c) => c.name === 'devices.update').map((c) => c.input);

describe('device drawer', () => {
  it('shows identity, every endpoint, the raw payload and the sighting history from devices.get', async () => {
    mainLike();
    const drawer = await openDrawer();
    expect(within(drawer).getByTestId('drawer-title').textContent).toBe('Plus1PM · 0001');
    expect(within(drawer).getByText(device(1).id)).toBeTruthy();
    const endpoints = within(drawer).getByRole('table', { name: 'Endpoints' });
    expect(within(endpoints).getByText('127.0.0.1:8001')).toBeTruthy();
    expect(within(drawer).getByText(/"fw_id": "20240101-000000\/1.4.2-gabc"/)).toBeTruthy();
    expect(within(drawer).getByRole('list', { name: 'Sighting history' }).textContent).toContain('seen');
    expect((within(drawer).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('fuse box left');
  });

  it('renames, and an emptied name sends null so the reported name shows again', async () => {
    const transport = mainLike();
    const drawer = await openDrawer();
    fireEvent.change(within(drawer).getByLabelText('Custom name'), { target: { value: '  Pump room  ' } });
    await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Save name' })));
    expect(within(drawer).getByTestId('drawer-title').textContent).toBe('Pump room');
    fireEvent.change(within(drawer).getByLabelText('Custom name'), { target: { value: '' } });
    await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Save name' })));
    expect(edits(transport)).toEqual([
      { id: device(1).id, customName: 'Pump room' },
      { id: device(1).id, customName: null },
    ]);
  });

  it('adds and removes tags, saves notes and toggles "never touch" through devices.update', async () => {
    const transport = mainLike();
    const drawer = await openDrawer();
    fireEvent.change(within(drawer).getByLabelText('New tag'), { target: { value: 'roof' } });
    await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Add tag' })));
    fireEvent.change(within(drawer).getByLabelText('New tag'), { target: { value: 'bad#tag' } });
    await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Add tag' })));
    expect(within(drawer).getByText('tags use letters, digits, space and _ . : / -')).toBeTruthy();
    await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Remove tag roof' })));
    fireEvent.change(within(drawer).getByLabelText('Notes'), { target: { value: 'behind the fridge' } });
    await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Save notes' })));
    await act(async () => fireEvent.click(within(drawer).getByRole('checkbox', { name: /Never touch/ })));
    expect(edits(transport)).toEqual([
      { id: device(1).id, tags: ['roof'] },
      { id: device(1).id, tags: [] },
      { id: device(1).id, notes: 'behind the fridge' },
      { id: device(1).id, neverTouch: true },
    ]);
    expect(devicesStore.getState().details[device(1).id]!.notes).toBe('behind the fridge');
  });

  it('forgets the device only after the confirmation', async () => {
    const transport = mainLike();
    const drawer = await openDrawer();
    fireEvent.click(within(drawer).getByRole('button', { name: 'Forget device…' }));
    expect(transport.invoked.some((c) => c.name === 'devices.forget')).toBe(false);
    const confirm = within(drawer).getByRole('group', { name: 'Forget' });
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: 'Forget' })));
    expect(transport.invoked.at(-1)).toEqual({ name: 'devices.forget', input: { ids: [device(1).id] } });
    expect(devicesStore.getState().byId.has(device(1).id)).toBe(false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('updates live from events: the summary at once, endpoints from the refetched detail', async () => {
    let current = detail(1);
    const transport = new FakeTransport({
      'devices.get': () => ok(current),
      'history.deviceTimeline': () => ok(NO_RUNS),
    });
    setTransport(transport);
    subscribeToEvents();
    const drawer = await openDrawer();
    expect(within(drawer).getByText('127.0.0.1:8001')).toBeTruthy();
    current = detail(1, {
      device: device(1, { address: '127.0.0.1:9001' }),
      endpoints: [{ ...detail(1).endpoints[0]!, label: '127.0.0.1:9001' }],
    });
    act(() =>
      transport.push('devices.updated', {
        devices: [device(1, { online: false, offlineReason: 'goodbye' })],
      }),
    );
    expect(within(drawer).getAllByText(/offline \(it said goodbye on mDNS\)/).length).toBeGreaterThan(0);
    expect(await within(drawer).findByText('127.0.0.1:9001')).toBeTruthy();
    expect(within(drawer).queryByText('127.0.0.1:8001')).toBeNull();
  });

  it('closes with Escape', async () => {
    mainLike();
    const drawer = await openDrawer();
    fireEvent.keyDown(drawer, { key: 'Escape' });
    expect(uiStore.getState().drawerDeviceId).toBeNull();
  });
});
