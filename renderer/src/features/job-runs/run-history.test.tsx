import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { jobsStore } from '../../stores/jobs-store';
import { uiStore } from '../../stores/ui-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { counts, execution, job } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { showJobs } from './job-actions';
import { JobsView } from './jobs-view';

afterEach(resetAll);

const FIRST = job('job_history001', {
  name: 'Hall rollout',
  state: 'completed',
  total: 5,
  createdAt: 1_000,
  counts: counts({ succeeded: 3, failed: 1, 'timed-out': 1 }),
});
const RETRY = job('job_history002', {
  name: 'Hall rollout (retry)',
  state: 'paused',
  total: 2,
  createdAt: 2_000,
  retryOf: FIRST.id,
  counts: counts({ succeeded: 1, queued: 1 }),
});

function setup() {
  const transport = new FakeTransport({
    'jobs.list': () => ok([FIRST, RETRY]),
    'jobs.getSettings': () => ok({ resumeAfterCrash: 'ask' }),
    'jobs.updateSettings': (input) => ok(input),
    'jobs.get': (input) => {
      const jobId = (input as { jobId: string }).jobId;
      return ok({ job: jobId === FIRST.id ? FIRST : RETRY, executions: [execution(1)] });
    },
    'jobs.log': () => ok([]),
  });
  setTransport(transport);
  render(<JobsView />);
  return transport;
}

describe('run history', () => {
  it('lists every run newest first with its state, counts and the run it retries', async () => {
    setup();
    await act(() => showJobs());
    expect(uiStore.getState().view).toBe('jobs');
    const items = within(screen.getByRole('list', { name: 'Run history' })).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.jobId)).toEqual([RETRY.id, FIRST.id]);
    expect(items.map((li) => li.dataset.jobState)).toEqual(['paused', 'completed']);
    expect(within(items[1]!).getByTestId('run-outcome').textContent).toBe(
      '3/5 succeeded · 1 failed · 1 timed-out',
    );
    expect(items[0]!.textContent).toContain('retry of Hall rollout');
  });

  it('opens the chosen run, or the run a retry retries, in the monitor', async () => {
    const transport = setup();
    await act(() => showJobs());
    expect(screen.getByTestId('job-monitor').dataset.jobId).toBe(RETRY.id);
    const retried = within(screen.getByRole('list', { name: 'Run history' })).getAllByRole('listitem')[0]!;
    await act(async () => fireEvent.click(within(retried).getByRole('button', { name: 'Hall rollout' })));
    expect(jobsStore.getState().selectedJobId).toBe(FIRST.id);
    expect(screen.getByTestId('job-monitor').dataset.jobId).toBe(FIRST.id);
    expect(transport.invoked.filter((c) => c.name === 'jobs.get').at(-1)!.input).toEqual({ jobId: FIRST.id });
  });

  it('keeps the resume-after-crash setting', async () => {
    const transport = setup();
    await act(() => showJobs());
    expect(screen.getByLabelText('After a crash')).toHaveProperty('value', 'ask');
    await act(async () =>
      fireEvent.change(screen.getByLabelText('After a crash'), { target: { value: 'auto' } }),
    );
    expect(transport.invoked.find((c) => c.name === 'jobs.updateSettings')!.input).toEqual({
      resumeAfterCrash: 'auto',
    });
    expect(jobsStore.getState().settings).toEqual({ resumeAfterCrash: 'auto' });
  });

  it('invites to start a job when there is none', () => {
    setup();
    expect(screen.getByText('No jobs yet.')).toBeTruthy();
  });
});
