import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobPolicySchema, JobSpecSchema, type JobDetail } from '../../../../shared/domain/job';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { jobDetailLoaded, jobsStore } from '../../stores/jobs-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { counts, devicePlan, execution, job, plan } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { JobMonitor } from './job-monitor';

afterEach(resetAll);

const JOB = 'job_safe000001';

function setup(detail: JobDetail, answers: ConstructorParameters<typeof FakeTransport>[0] = {}) {
  const transport = new FakeTransport({ 'jobs.log': () => ok([]), ...answers });
  setTransport(transport);
  jobDetailLoaded(detail);
  render(<JobMonitor jobId={detail.job.id} />);
  return transport;
}

const calls = (transport: FakeTransport, name: string) =>
  transport.invoked.filter((c) => c.name === name).map((c) => c.input);
const click = (name: string) => act(async () => fireEvent.click(screen.getByRole('button', { name })));

describe('Cancel job asks first', () => {
  it('says what happens to waiting devices and names the ones with a step under way', async () => {
    const transport = setup(
      {
        job: job(JOB, { policy: JobPolicySchema.parse({ stepTimeoutMs: 120_000 }) }),
        executions: [
          execution(1, {
            state: 'running',
            progress: { message: 'waiting for it to come back', percent: null },
          }),
          execution(2),
          execution(3, { state: 'waiting-offline' }),
          execution(4, { state: 'succeeded' }),
        ],
      },
      { 'jobs.cancel': () => ok({ state: 'canceling' }) },
    );
    await click('Cancel job');
    const confirm = screen.getByRole('group', { name: 'Confirm cancel' });
    expect(screen.getByTestId('cancel-not-started').textContent).toBe(
      '2 devices not started yet are canceled at once and get nothing.',
    );
    expect(confirm.textContent).toContain('1 device has a step under way. It is not cut off');
    expect(confirm.textContent).toContain('(at most 2 min)');
    const underWay = within(confirm).getByRole('list', { name: 'Devices with a step under way' });
    expect(underWay.textContent).toBe('Plus1PM 000001: reboot (waiting for it to come back)');
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: 'Keep running' })));
    expect(screen.queryByRole('group', { name: 'Confirm cancel' })).toBeNull();
    expect(calls(transport, 'jobs.cancel')).toEqual([]);
  });
});

describe('Retry failed opens its own dry run', () => {
  const RETRY = 'job_retry00001';
  const oldPolicy = JobPolicySchema.parse({ canary: { count: 1 }, waveGate: { successPercent: 80 } });
  const failed = [
    execution(2, { state: 'timed-out', reason: 'timeout', message: 'no answer in 3 min' }),
    execution(3, { state: 'failed', reason: 'device-error', message: 'flash write failed' }),
  ];
  const spec = JobSpecSchema.parse({
    version: 1,
    name: 'Reboot 2 devices (retry)',
    targets: { deviceIds: failed.map((e) => e.deviceId) },
    steps: [{ action: 'reboot' }],
    policy: oldPolicy,
  });
  const retryPlan = (canary: boolean) =>
    plan([devicePlan(2), devicePlan(3, { wave: canary ? 1 : 0 })], {
      waves: canary
        ? [
            { index: 0, canary: true, size: 1 },
            { index: 1, canary: false, size: 1 },
          ]
        : [{ index: 0, canary: false, size: 2 }],
    });

  it('lists the failed devices with their reasons, lets the policy change, and starts only on confirmation', async () => {
    const retry = job(RETRY, { retryOf: JOB as never, name: 'Reboot 2 devices (retry)' });
    const transport = setup(
      {
        job: job(JOB, { state: 'completed', policy: oldPolicy, counts: counts({ succeeded: 1, failed: 2 }) }),
        executions: [execution(1, { state: 'succeeded' }), ...failed],
      },
      {
        'jobs.retryPlan': (input) => {
          const policy = (input as { policy?: typeof oldPolicy }).policy;
          const p = policy ?? oldPolicy;
          return ok({ spec: { ...spec, policy: p }, previous: failed, plan: retryPlan(p.canary !== null) });
        },
        'jobs.retryFailed': () => ok({ jobId: RETRY }),
        'jobs.list': () => ok([retry]),
        'jobs.get': () => ok({ job: retry, executions: failed }),
      },
    );
    await click('Retry failed');
    expect(calls(transport, 'jobs.retryFailed')).toEqual([]);
    const dialog = screen.getByRole('region', { name: 'Retry failed devices' });
    const rows = within(within(dialog).getByRole('table', { name: 'Devices to retry' })).getAllByRole('row');
    expect(rows.slice(1).map((r) => r.textContent)).toEqual([
      'Plus1PM 000002timed-outtimeout: no answer in 3 minreboot',
      'Plus1PM 000003faileddevice-error: flash write failedreboot',
    ]);
    expect(screen.getByTestId('retry-summary').textContent).toBe(
      '2 devices will run: wave 1 (canary): 1 device · wave 2: 1 device.',
    );
    expect(within(dialog).getByLabelText('Gate success percent')).toHaveProperty('value', '80');
    await act(async () =>
      fireEvent.change(within(dialog).getByRole('combobox', { name: 'Canary' }), {
        target: { value: 'none' },
      }),
    );
    await act(async () =>
      fireEvent.change(within(dialog).getByLabelText('Concurrency'), { target: { value: '4' } }),
    );
    expect(screen.getByTestId('retry-summary').textContent).toBe('2 devices will run: wave 1: 2 devices.');
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Start retry' })));
    const started = calls(transport, 'jobs.retryFailed') as { policy: typeof oldPolicy }[];
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ jobId: JOB, confirmDevices: 2 });
    expect(started[0]!.policy).toMatchObject({
      canary: null,
      concurrency: 4,
      waveGate: { successPercent: 80 },
    });
    expect(jobsStore.getState().selectedJobId).toBe(RETRY);
  });
});

describe('Hold is visible', () => {
  it('badges a held device, counts it, and offers Release', async () => {
    setup({
      job: job(JOB),
      executions: [execution(1, { state: 'running' }), execution(2, { held: true }), execution(3)],
    });
    await act(async () => {});
    const row = document.querySelector<HTMLElement>(`tr[data-execution-device="${execution(2).deviceId}"]`)!;
    expect(within(row).getAllByText(/held/)[0]).toBeTruthy();
    expect(row.querySelector('[data-state="held"]')).not.toBeNull();
    expect(within(row).getByRole('button', { name: 'Release Plus1PM 000002' })).toBeTruthy();
    expect(screen.getByTestId('job-counts').querySelector('[data-count-state="held"]')!.textContent).toBe(
      'held: 1',
    );
  });
});
