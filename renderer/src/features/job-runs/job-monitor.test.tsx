import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { devicesLoaded, devicesStore } from '../../stores/devices-store';
import { jobDetailLoaded, jobsStore } from '../../stores/jobs-store';
import { uiStore } from '../../stores/ui-store';
import { FakeTransport } from '../../test-support/fake-transport';
import { device, execution, job } from '../../test-support/fixtures';
import { DevicesPanel } from '../devices/devices-panel';
import { JobMonitor } from './job-monitor';

afterEach(() => {
  cleanup();
  setTransport(null);
  devicesStore.setState(devicesStore.getInitialState(), true);
  jobsStore.setState(jobsStore.getInitialState(), true);
  uiStore.setState(uiStore.getInitialState(), true);
});

describe('JobMonitor', () => {
  it('shows counts and each execution with its failure reason, as main reported them', () => {
    jobDetailLoaded({
      job: job('job_a0000000', {
        state: 'completed',
        counts: { queued: 0, running: 0, succeeded: 1, failed: 1, canceled: 0, interrupted: 0 },
      }),
      executions: [
        execution(1, { state: 'succeeded', result: 'rebooted: uptime 1 s (was 90 s)' }),
        execution(2, { state: 'failed', reason: 'bad-reply', message: 'not JSON' }),
      ],
    });
    render(<JobMonitor jobId="job_a0000000" />);
    expect(screen.getByTestId('job-counts').textContent).toBe('succeeded: 1failed: 1');
    expect(screen.getByText('bad-reply: not JSON')).toBeTruthy();
    expect(screen.getAllByTestId('execution-detail').map((td) => td.textContent)).toEqual([
      'rebooted: uptime 1 s (was 90 s)',
      '',
    ]);
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();
  });
});

describe('batch reboot from the devices panel', () => {
  it('starts the job only after an explicit confirmation, with the chosen concurrency', async () => {
    const transport = new FakeTransport({
      'jobs.start': () => ok({ jobId: 'job_new00000' }),
      'jobs.get': () => ok({ job: job('job_new00000'), executions: [execution(1), execution(2)] }),
    });
    setTransport(transport);
    devicesLoaded([device(1), device(2), device(3)]);
    render(<DevicesPanel />);
    fireEvent.click(screen.getByRole('checkbox', { name: `Select Plus1PM 000001` }));
    fireEvent.click(screen.getByRole('checkbox', { name: `Select Plus1PM 000002` }));
    fireEvent.change(screen.getByLabelText('Concurrency'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reboot selected' }));
    expect(transport.invoked).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm reboot' }));
    await screen.findByText('0 selected');
    expect(transport.invoked[0]).toEqual({
      name: 'jobs.start',
      input: {
        version: 1,
        name: 'Reboot 2 devices',
        targets: { deviceIds: [device(1).id, device(2).id] },
        steps: [{ action: 'reboot' }],
        policy: { concurrency: 3, stepTimeoutMs: 180_000 },
      },
    });
    expect(jobsStore.getState().selectedJobId).toBe('job_new00000');
  });
});
