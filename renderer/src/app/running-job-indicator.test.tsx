import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc/result';
import { setTransport } from '../api/client';
import { jobsStore } from '../stores/jobs-store';
import { uiStore } from '../stores/ui-store';
import { FakeTransport } from '../../../test-support/renderer/fake-transport';
import { counts, job } from '../../../test-support/renderer/fixtures';
import { resetAll } from '../../../test-support/renderer/reset-stores';
import { RunningJobIndicator } from './running-job-indicator';
import { runningJobLine } from './running-jobs';

afterEach(resetAll);

const OLD = job('job_indicator01', {
  name: 'Old reboot',
  state: 'completed',
  total: 4,
  counts: counts({ succeeded: 4 }),
});
const RUNNING = job('job_indicator02', {
  name: 'Hall firmware 14.4.0',
  state: 'running',
  total: 10,
  startedAt: 5_000,
  counts: counts({ succeeded: 2, failed: 1, skipped: 1, running: 2, queued: 4 }),
});

describe('the running job in the header', () => {
  it('counts finished devices of the newest job in progress, and says how many others run', () => {
    const paused = job('job_indicator03', {
      name: 'Yard config',
      state: 'paused',
      total: 3,
      startedAt: 1_000,
      counts: counts({ queued: 3 }),
    });
    expect(runningJobLine([OLD, paused, RUNNING])).toEqual({
      jobId: RUNNING.id,
      name: 'Hall firmware 14.4.0',
      state: 'running',
      done: 4,
      total: 10,
      others: 1,
    });
    expect(runningJobLine([OLD])).toBeNull();
  });

  it('shows nothing when no job is in progress', () => {
    act(() => jobsStore.setState({ byId: { [OLD.id]: OLD } }));
    render(<RunningJobIndicator />);
    expect(screen.queryByTestId('running-job')).toBeNull();
  });

  it('shows name and n/m done, follows progress, and opens the monitor on a click', async () => {
    const transport = new FakeTransport({
      'jobs.get': () => ok({ job: RUNNING, executions: [] }),
    });
    setTransport(transport);
    act(() => jobsStore.setState({ byId: { [OLD.id]: OLD, [RUNNING.id]: RUNNING } }));
    render(<RunningJobIndicator />);
    const indicator = screen.getByTestId('running-job');
    expect(indicator.textContent).toContain('Hall firmware 14.4.0');
    expect(indicator.textContent).toContain('4/10 done');
    act(() =>
      jobsStore.setState({
        byId: { [RUNNING.id]: { ...RUNNING, state: 'paused', counts: counts({ succeeded: 7, queued: 3 }) } },
      }),
    );
    expect(indicator.textContent).toContain('7/10 done · paused');
    fireEvent.click(indicator);
    await act(async () => undefined);
    expect(uiStore.getState().view).toBe('jobs');
    expect(jobsStore.getState().selectedJobId).toBe(RUNNING.id);
  });
});
