import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobPolicySchema, type JobDetail } from '../../../../shared/domain/job';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { jobDetailLoaded, jobsStore } from '../../stores/jobs-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { counts, execution, job, logEntry } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { JobMonitor } from './job-monitor';
import { LOG_POLL_MS } from './use-log-polling';

afterEach(() => {
  resetAll();
  vi.useRealTimers();
});

const JOB = 'job_monitor001';
const MINUTE = 60_000;

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

describe('JobMonitor', () => {
  it('shows counts, progress and each execution with its reason, as main reported them', async () => {
    setup({
      job: job(JOB, {
        state: 'completed',
        total: 3,
        finishedAt: 200,
        counts: counts({ succeeded: 1, failed: 1, skipped: 1 }),
      }),
      executions: [
        execution(1, { state: 'succeeded', result: 'rebooted: uptime 1 s (was 90 s)', attempt: 1 }),
        execution(2, { state: 'failed', reason: 'bad-reply', message: 'not JSON', attempt: 3 }),
        execution(3, { state: 'skipped', skipReason: 'not-reached', message: 'offline until the deadline' }),
      ],
    });
    await act(async () => {});
    expect(screen.getByTestId('job-counts').textContent).toBe('succeeded: 1failed: 1skipped: 1');
    expect(screen.getByRole('progressbar', { name: 'Run progress' })).toHaveProperty('value', 3);
    expect(screen.getByTestId('run-finished').textContent).toBe('3/3 finished');
    expect(screen.getByText('the device sent a reply Fieldbatch does not understand: not JSON')).toBeTruthy();
    expect(
      screen.getByText('it did not come online before the deadline: offline until the deadline'),
    ).toBeTruthy();
    expect(screen.getAllByTestId('execution-detail').map((td) => td.textContent)).toEqual([
      'rebooted: uptime 1 s (was 90 s)',
      '',
      '',
    ]);
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Retry failed' })).toBeTruthy();
  });

  it('shows the pace from the counts and the time left main estimated, counted down', async () => {
    vi.useFakeTimers({ now: 20 * MINUTE });
    setup({
      job: job(JOB, {
        total: 30,
        startedAt: 10 * MINUTE,
        counts: counts({ succeeded: 18, failed: 2, running: 5, 'waiting-offline': 5 }),
        eta: {
          at: 19 * MINUTE,
          workMs: 6 * MINUTE,
          offline: { devices: 5, upToMs: 60 * MINUTE },
          held: 0,
          stopsAt: null,
          overdue: 0,
        },
      }),
      executions: [],
    });
    await act(async () => {});
    expect(screen.getByTestId('run-throughput').textContent).toBe(' · 2.0 devices/min');
    expect(screen.getByTestId('run-eta').textContent).toBe(
      'About 5 min left; waiting for 5 offline devices, up to 59 min',
    );
  });

  it('shows the current wave and its gate, and opens the next wave on a click', async () => {
    const transport = setup(
      {
        job: job(JOB, {
          state: 'paused',
          pauseReason: 'wave-gate',
          pauseMessage: 'canary done: 1 of 1 succeeded',
          total: 5,
          policy: JobPolicySchema.parse({ canary: { count: 1 }, waveGate: { advance: 'manual' } }),
          waves: [
            { index: 0, canary: true, size: 1, state: 'gated' },
            { index: 1, canary: false, size: 4, state: 'pending' },
          ],
          counts: counts({ succeeded: 1, queued: 4 }),
        }),
        executions: [execution(1, { state: 'succeeded' })],
      },
      { 'jobs.nextWave': () => ok({ state: 'running', currentWave: 1 }) },
    );
    await act(async () => {});
    expect(screen.getByRole('status').textContent).toBe(
      'Waiting at the wave gate: canary done: 1 of 1 succeeded',
    );
    expect(screen.getByTestId('wave-gate').textContent).toBe(
      'Now: Canary. It is done and waits at the gate; “Next wave” starts Wave 1.',
    );
    await click('Next wave');
    expect(calls(transport, 'jobs.nextWave')).toEqual([{ jobId: JOB }]);
    const after = jobsStore.getState().byId[JOB]!;
    expect([after.state, after.currentWave, after.pauseReason]).toEqual(['running', 1, null]);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('names the gated wave as the wave list does: after a canary, index 2 is Wave 2', async () => {
    setup({
      job: job(JOB, {
        state: 'paused',
        pauseReason: 'wave-gate',
        pauseMessage: 'Wave 2: 60 % succeeded, below the gate of 80 %',
        currentWave: 2,
        policy: JobPolicySchema.parse({ canary: { count: 1 }, waveGate: { successPercent: 80 } }),
        waves: [
          { index: 0, canary: true, size: 1, state: 'done' },
          { index: 1, canary: false, size: 5, state: 'done' },
          { index: 2, canary: false, size: 5, state: 'gated' },
          { index: 3, canary: false, size: 5, state: 'pending' },
        ],
      }),
      executions: [],
    });
    await act(async () => {});
    const current = screen.getByRole('listitem', { current: 'step' });
    expect(current.textContent).toContain('Wave 2 · 5 devices');
    expect(screen.getByRole('status').textContent).toContain('Wave 2: 60 % succeeded');
    expect(screen.getByTestId('wave-gate').textContent).toBe(
      'Now: Wave 2. It is done and waits at the gate; “Next wave” starts Wave 3.',
    );
    expect(screen.getByRole('button', { name: 'Next wave' })).toHaveProperty('disabled', false);
  });

  it('says a finished run is done, without asking for "Next wave" or showing a time left', async () => {
    setup({
      job: job(JOB, {
        state: 'completed',
        finishedAt: 500,
        currentWave: 1,
        policy: JobPolicySchema.parse({ canary: { count: 1 }, waveGate: { advance: 'manual' } }),
        counts: counts({ succeeded: 2 }),
        waves: [
          { index: 0, canary: true, size: 1, state: 'done' },
          { index: 1, canary: false, size: 1, state: 'done' },
        ],
      }),
      executions: [],
    });
    await act(async () => {});
    expect(screen.getByTestId('wave-gate').textContent).toBe('All waves are done.');
    expect(screen.queryByRole('button', { name: 'Next wave' })).toBeNull();
    expect(screen.queryByRole('listitem', { current: 'step' })).toBeNull();
    expect(screen.queryByTestId('run-eta')).toBeNull();
  });

  it('keeps "Next wave" disabled while the current wave still runs', async () => {
    setup({
      job: job(JOB, {
        waves: [
          { index: 0, canary: false, size: 2, state: 'open' },
          { index: 1, canary: false, size: 2, state: 'pending' },
        ],
      }),
      executions: [],
    });
    await act(async () => {});
    expect(screen.getByRole('button', { name: 'Next wave' })).toHaveProperty('disabled', true);
  });

  it('pauses, resumes and cancels through the matching commands', async () => {
    const transport = setup(
      { job: job(JOB), executions: [execution(1, { state: 'running' }), execution(2)] },
      {
        'jobs.pause': () => ok({ state: 'paused' }),
        'jobs.resume': () => ok({ state: 'running' }),
        'jobs.cancel': () => ok({ state: 'canceling' }),
      },
    );
    await click('Pause');
    expect(calls(transport, 'jobs.pause')).toEqual([{ jobId: JOB }]);
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    await click('Resume');
    expect(calls(transport, 'jobs.resume')).toEqual([{ jobId: JOB }]);
    await click('Cancel job');
    expect(calls(transport, 'jobs.cancel')).toEqual([]);
    const confirm = screen.getByRole('group', { name: 'Confirm cancel' });
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel job' })));
    expect(calls(transport, 'jobs.cancel')).toEqual([{ jobId: JOB }]);
    expect(screen.queryByRole('group', { name: 'Confirm cancel' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel job' })).toHaveProperty('disabled', true);
  });

  it('filters the devices by state', async () => {
    setup({
      job: job(JOB, { total: 3, counts: counts({ succeeded: 1, failed: 1, running: 1 }) }),
      executions: [
        execution(1, { state: 'succeeded' }),
        execution(2, { state: 'failed', reason: 'timeout' }),
        execution(3, { state: 'running' }),
      ],
    });
    await act(async () => {});
    const table = screen.getByRole('table', { name: 'Device executions' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    fireEvent.change(screen.getByLabelText('State filter'), { target: { value: 'failed' } });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.dataset.state)).toEqual(['failed']);
    expect(
      within(screen.getByLabelText('State filter')).getByRole('option', { name: 'failed (1)' }),
    ).toBeTruthy();
  });

  it('holds and releases one device', async () => {
    const transport = setup(
      { job: job(JOB), executions: [execution(1, { state: 'running' }), execution(2)] },
      { 'jobs.controlDevice': () => ok(execution(2, { held: true, updatedAt: 2 })) },
    );
    await click('Hold Plus1PM 000002');
    expect(calls(transport, 'jobs.controlDevice')).toEqual([
      { jobId: JOB, deviceId: execution(2).deviceId, action: 'hold' },
    ]);
    expect(screen.getByRole('button', { name: 'Release Plus1PM 000002' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Hold Plus1PM 000001' })).toBeNull();
  });

  it('polls the log while the job runs, asking only for new lines', async () => {
    vi.useFakeTimers();
    let lines = [
      logEntry(1, { event: 'started', detail: '{"step":0,"attempt":1}' }),
      logEntry(2, { deviceId: null, event: 'job-started', from: 'scheduled', to: 'running' }),
    ];
    const transport = setup(
      { job: job(JOB), executions: [execution(1, { state: 'running' })] },
      { 'jobs.log': () => ok(lines) },
    );
    await act(async () => {});
    const log = screen.getByRole('list', { name: 'Job log' });
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);
    expect(log.textContent).toContain('Plus1PM 000001: step 1 (reboot) started, attempt 1.');
    expect(log.textContent).toContain('Job started.');
    expect(log.textContent).not.toContain('→');
    lines = [logEntry(3, { event: 'step-succeeded', from: 'running', to: 'succeeded' })];
    await act(async () => vi.advanceTimersByTime(LOG_POLL_MS));
    expect(calls(transport, 'jobs.log')).toEqual([
      { jobId: JOB, afterSeq: 0, limit: 500 },
      { jobId: JOB, afterSeq: 2, limit: 500 },
    ]);
    expect(within(log).getAllByRole('listitem')).toHaveLength(3);
    expect(log.textContent).toContain(
      'Plus1PM 000001: step 1 (reboot) succeeded on attempt 1. All steps done.',
    );
    fireEvent.click(screen.getByLabelText('Show technical details'));
    expect(log.textContent).toContain('step-succeeded running → succeeded');
  });
});
