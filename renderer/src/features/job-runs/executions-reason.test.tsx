import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { jobDetailLoaded } from '../../stores/jobs-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { counts, execution, job } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { JobMonitor } from './job-monitor';

afterEach(resetAll);

describe('the reason a job row gives', () => {
  it('says why a device is waited for, in the inventory reason main wrote, and that it is held', async () => {
    setTransport(new FakeTransport({ 'jobs.log': () => ok([]) }));
    jobDetailLoaded({
      job: job('job_reason0001', { state: 'running', total: 2, counts: counts({ 'waiting-offline': 2 }) }),
      executions: [
        execution(1, { state: 'waiting-offline', message: 'offline (it stopped answering)' }),
        execution(2, { state: 'waiting-offline', message: 'offline (it could not be reached)', held: true }),
      ],
    });
    render(<JobMonitor jobId="job_reason0001" />);
    await act(async () => {});
    expect(screen.getByText('offline (it stopped answering)')).toBeTruthy();
    expect(screen.getByText('held; offline (it could not be reached)')).toBeTruthy();
  });
});
