import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { devicesLoaded } from '../../stores/devices-store';
import { jobsStore } from '../../stores/jobs-store';
import { FakeTransport } from '../../test-support/fake-transport';
import { device, devicePlan, execution, job, plan } from '../../test-support/fixtures';
import { resetAll } from '../../test-support/reset-stores';
import { DevicesPanel } from './devices-panel';

afterEach(resetAll);

const offline = devicePlan(2, {
  online: false,
  steps: [],
  wave: null,
  skip: { reason: 'offline', message: 'not seen for 10 min' },
});

function setup(answer = plan([devicePlan(1), offline, devicePlan(3)])) {
  const transport = new FakeTransport({
    'jobs.plan': () => ok(answer),
    'jobs.start': () => ok({ jobId: 'job_new00000' }),
    'jobs.get': () => ok({ job: job('job_new00000'), executions: [execution(1), execution(3)] }),
  });
  setTransport(transport);
  devicesLoaded([device(1), device(2), device(3)]);
  render(<DevicesPanel />);
  for (const n of [1, 2, 3])
    fireEvent.click(screen.getByRole('checkbox', { name: `Select Plus1PM 00000${n}` }));
  fireEvent.change(screen.getByLabelText('Concurrency'), { target: { value: '3' } });
  return transport;
}

describe('batch reboot from the devices panel', () => {
  it('confirms what the dry run found, then starts with that device count', async () => {
    const transport = setup();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reboot selected' })));
    const spec = {
      version: 1,
      name: 'Reboot 3 devices',
      targets: { deviceIds: [device(1).id, device(2).id, device(3).id] },
      steps: [{ action: 'reboot' }],
      policy: { concurrency: 3, stepTimeoutMs: 180_000 },
    };
    expect(transport.invoked).toEqual([{ name: 'jobs.plan', input: spec }]);
    expect(screen.getByRole('group', { name: 'Confirm reboot' }).textContent).toContain(
      'Reboot 2 devices, 3 at a time? 1 skipped (it is offline).',
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Confirm reboot' })));
    expect(transport.invoked[1]).toEqual({ name: 'jobs.start', input: { spec, confirmDevices: 2 } });
    expect(screen.getByText('0 selected')).toBeTruthy();
    expect(jobsStore.getState().selectedJobId).toBe('job_new00000');
  });

  it('offers no confirmation when the dry run skips every device', async () => {
    const transport = setup(plan([offline]));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reboot selected' })));
    expect(screen.getByRole('group', { name: 'Confirm reboot' }).textContent).toContain(
      'None of the selected devices can be rebooted. 1 skipped (it is offline).',
    );
    expect(screen.queryByRole('button', { name: 'Confirm reboot' })).toBeNull();
    expect(transport.invoked.map((c) => c.name)).toEqual(['jobs.plan']);
  });
});
