import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/ipc/result';
import type { JobSpecInput } from '../../../../shared/domain/job';
import { setTransport } from '../../api/client';
import { devicesLoaded } from '../../stores/devices-store';
import { groupsLoaded } from '../../stores/groups-store';
import { groupChosen } from '../../stores/inventory-view-store';
import { jobsStore } from '../../stores/jobs-store';
import { selectedIds } from '../../stores/selection-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { device, devicePlan, execution, job, plan } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { DevicesPanel } from './devices-panel';

afterEach(resetAll);

const NAMES = ['', 'Hall plug', 'Porch light', 'Boiler'];
const named = (n: number) => device(n, { name: NAMES[n]! });
const planned = (n: number, overrides = {}) => devicePlan(n, { deviceName: NAMES[n]!, ...overrides });
const offline = planned(2, {
  online: false,
  steps: [],
  wave: null,
  skip: { reason: 'offline', message: 'not seen for 10 min' },
});

/** Answers each dry run for exactly the devices asked about. */
function planFor(answers: Record<string, ReturnType<typeof planned>>) {
  return (input: unknown) => {
    const ids = (input as JobSpecInput).targets.deviceIds ?? [];
    return ok(plan(ids.map((id) => answers[id]!)));
  };
}

function setup(answers = { [named(1).id]: planned(1), [named(2).id]: offline, [named(3).id]: planned(3) }) {
  const transport = new FakeTransport({
    'jobs.plan': planFor(answers),
    'jobs.start': () => ok({ jobId: 'job_new00000' }),
    'jobs.get': () => ok({ job: job('job_new00000'), executions: [execution(1), execution(3)] }),
  });
  setTransport(transport);
  devicesLoaded([named(1), named(2), named(3)]);
  render(<DevicesPanel />);
  for (const n of [1, 2, 3]) fireEvent.click(screen.getByRole('checkbox', { name: `Select ${NAMES[n]}` }));
  fireEvent.change(screen.getByLabelText('Concurrency'), { target: { value: '3' } });
  return transport;
}

const askReboot = () =>
  act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reboot selected' })));

describe('batch reboot from the devices panel', () => {
  it('lists by name exactly the devices it reboots, then starts with that device count', async () => {
    const transport = setup();
    await askReboot();
    const spec = {
      version: 1,
      name: 'Reboot 3 devices',
      targets: { deviceIds: [named(1).id, named(2).id, named(3).id] },
      steps: [{ action: 'reboot' }],
      policy: { concurrency: 3, stepTimeoutMs: 180_000 },
    };
    expect(transport.invoked).toEqual([{ name: 'jobs.plan', input: spec }]);
    const confirm = screen.getByRole('group', { name: 'Confirm reboot' });
    expect(confirm.textContent).toContain('Reboot 2 devices, 3 at a time? 1 skipped (it is offline).');
    const listed = within(confirm).getByRole('list', { name: 'Devices to reboot' });
    expect(
      within(listed)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Hall plug', 'Boiler']);
    expect(screen.queryByTestId('hidden-selected')).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Confirm reboot' })));
    expect(transport.invoked[1]).toEqual({ name: 'jobs.start', input: { spec, confirmDevices: 2 } });
    expect(screen.getByText('0 selected')).toBeTruthy();
    expect(jobsStore.getState().selectedJobId).toBe('job_new00000');
  });

  it('calls out a selected device the filter hides, and leaves it out on request', async () => {
    const transport = setup({
      [named(1).id]: planned(1),
      [named(2).id]: planned(2),
      [named(3).id]: planned(3),
    });
    const group = {
      kind: 'static',
      id: 'grp_front00001',
      name: 'Front',
      deviceIds: [named(1).id, named(2).id],
    };
    act(() => {
      groupsLoaded([{ ...group, createdAt: 1, updatedAt: 1 } as never]);
      groupChosen(group.id);
    });
    expect(screen.queryByRole('checkbox', { name: 'Select Boiler' })).toBeNull();
    await askReboot();
    const note = screen.getByTestId('hidden-selected');
    expect(note.textContent).toContain(
      '1 selected device is hidden by the filter and will be rebooted too: Boiler.',
    );
    const items = within(screen.getByRole('list', { name: 'Devices to reboot' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Hall plug',
      'Porch light',
      'Boiler (hidden by the filter)',
    ]);
    await act(async () => fireEvent.click(within(note).getByRole('button', { name: 'Leave it out' })));
    expect(selectedIds().sort()).toEqual([named(1).id, named(2).id].sort());
    const replanned = transport.invoked.filter((c) => c.name === 'jobs.plan').at(-1)!;
    expect((replanned.input as JobSpecInput).targets.deviceIds).toEqual([named(1).id, named(2).id]);
    expect(screen.getByRole('group', { name: 'Confirm reboot' }).textContent).toContain('Reboot 2 devices');
    expect(screen.queryByTestId('hidden-selected')).toBeNull();
  });

  it('offers no confirmation when the dry run skips every device', async () => {
    const transport = setup({ [named(1).id]: offline, [named(2).id]: offline, [named(3).id]: offline });
    await askReboot();
    expect(screen.getByRole('group', { name: 'Confirm reboot' }).textContent).toContain(
      'None of the selected devices can be rebooted. 3 skipped (it is offline).',
    );
    expect(screen.queryByRole('button', { name: 'Confirm reboot' })).toBeNull();
    expect(transport.invoked.map((c) => c.name)).toEqual(['jobs.plan']);
  });
});
