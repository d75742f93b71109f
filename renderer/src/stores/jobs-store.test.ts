import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecutionSummary, JobDetail, JobSummary } from '../../../shared/domain/job';
import { progressPayload } from '../../../shared/domain/job-progress';
import { ok } from '../../../shared/ipc/result';
import { FakeTransport } from '../../../test-support/renderer/fake-transport';
import { counts, execution, job, logEntry } from '../../../test-support/renderer/fixtures';
import { resetAll } from '../../../test-support/renderer/reset-stores';
import { setTransport } from '../api/client';
import {
  executionReported,
  jobControlled,
  jobDetailLoaded,
  jobLogReceived,
  jobProgressReceived,
  jobsLoaded,
  jobsStore,
  MAX_LOG_LINES,
  RELOAD_DELAY_MS,
} from './jobs-store';

/** A `jobs.progressed` payload as main encodes it: each execution named by its position in the job. */
const progress = (summary: JobSummary, changed: [number, ExecutionSummary][], seq = 1) =>
  progressPayload(
    summary,
    seq,
    changed.map(([position, e]) => ({ position, execution: e })),
  );

const executionsOf = (jobId: string) => jobsStore.getState().executions[jobId]!;

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  resetAll();
});

describe('jobs store', () => {
  it('selects the newest job on first load', () => {
    jobsLoaded([job('job_old00000', { createdAt: 1 }), job('job_new00000', { createdAt: 5 })]);
    expect(jobsStore.getState().selectedJobId).toBe('job_new00000');
  });

  it('applies progress by position without losing untouched executions, and returns what changed', () => {
    jobDetailLoaded({ job: job('job_a0000000'), executions: [execution(1), execution(2)] });
    const running = execution(2, { state: 'running', startedAt: 2, updatedAt: 2 });
    const changed = jobProgressReceived(
      progress(job('job_a0000000', { counts: counts({ queued: 1, running: 1 }) }), [[1, running]]),
    );
    expect(changed).toEqual([running]);
    expect(jobsStore.getState().byId.job_a0000000!.counts.running).toBe(1);
    const { order, byDevice } = executionsOf('job_a0000000');
    expect(order).toEqual([execution(1).deviceId, execution(2).deviceId]);
    expect(byDevice[execution(1).deviceId]).toEqual(execution(1));
    expect(byDevice[execution(2).deviceId]).toEqual(running);
  });

  it('adds a job it first hears of through progress, keeping only its summary', () => {
    const running = execution(1, { state: 'running', progress: { message: 'rebooting', percent: null } });
    expect(jobProgressReceived(progress(job('job_b0000000'), [[0, running]]))).toEqual([]);
    expect(jobsStore.getState().byId.job_b0000000).toEqual(job('job_b0000000'));
    expect(jobsStore.getState().executions.job_b0000000).toBeUndefined();
  });

  it('keeps an event newer than a jobs.get answer that crossed it, in either order', () => {
    const newer = execution(1, { state: 'succeeded', result: 'rebooted', updatedAt: 9 });
    const older: JobDetail = {
      job: job('job_d0000000'),
      executions: [execution(1, { state: 'running', updatedAt: 5 }), execution(2, { updatedAt: 5 })],
    };
    jobDetailLoaded({ job: job('job_d0000000'), executions: [execution(1), execution(2)] });
    jobProgressReceived(progress(job('job_d0000000'), [[0, newer]]));
    jobDetailLoaded(older);
    expect(executionsOf('job_d0000000').byDevice).toEqual({
      [execution(1).deviceId]: newer,
      [execution(2).deviceId]: execution(2, { updatedAt: 5 }),
    });

    const late = execution(2, { state: 'running', updatedAt: 3 });
    expect(jobProgressReceived(progress(job('job_d0000000'), [[1, late]]))).toEqual([]);
    expect(executionsOf('job_d0000000').byDevice[execution(2).deviceId]).toEqual(
      execution(2, { updatedAt: 5 }),
    );
  });

  it('lets an event with the same time as what is known win: only events carry live progress', () => {
    jobDetailLoaded({
      job: job('job_h0000000'),
      executions: [execution(1, { state: 'running', updatedAt: 4 })],
    });
    const live = execution(1, {
      state: 'running',
      updatedAt: 4,
      progress: { message: 'writing', percent: 40 },
    });
    jobProgressReceived(progress(job('job_h0000000'), [[0, live]]));
    expect(executionsOf('job_h0000000').byDevice[live.deviceId]).toEqual(live);
  });

  it('loads the job again, once, when progress names positions it does not know (new members)', async () => {
    const grown = {
      job: job('job_i0000000', { total: 3 }),
      executions: [execution(1), execution(2), execution(3)],
    };
    const transport = new FakeTransport({ 'jobs.get': () => ok(grown) });
    setTransport(transport);
    jobDetailLoaded({ job: job('job_i0000000'), executions: [execution(1), execution(2)] });
    const added = execution(3, { state: 'running', updatedAt: 2 });
    const known = execution(1, { state: 'running', updatedAt: 2 });
    expect(
      jobProgressReceived(
        progress(job('job_i0000000'), [
          [2, added],
          [0, known],
        ]),
      ),
    ).toEqual([known]);
    jobProgressReceived(progress(job('job_i0000000'), [[2, added]]));
    expect(transport.invoked).toEqual([]);
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    expect(transport.invoked).toEqual([{ name: 'jobs.get', input: { jobId: 'job_i0000000' } }]);
    const { order, byDevice } = executionsOf('job_i0000000');
    expect(order).toEqual([execution(1).deviceId, execution(2).deviceId, execution(3).deviceId]);
    expect(byDevice[known.deviceId]).toEqual(known);
  });

  it('loads a job again when progress it could not apply is newer than the jobs.get answer', async () => {
    const answer = {
      job: job('job_j0000000'),
      executions: [execution(1, { state: 'running', updatedAt: 3 })],
    };
    const transport = new FakeTransport({ 'jobs.get': () => ok({ ...answer, seq: 6 }) });
    setTransport(transport);
    jobProgressReceived(progress(job('job_j0000000'), [[0, answer.executions[0]!]], 5));
    jobDetailLoaded({ job: job('job_j0000000'), executions: [execution(1)], seq: 5 });
    jobDetailLoaded({ job: job('job_j0000000'), executions: [execution(1)], seq: 5 });
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    expect(transport.invoked).toEqual([]);

    jobProgressReceived(progress(job('job_k0000000'), [[0, answer.executions[0]!]], 5));
    jobDetailLoaded({ job: job('job_k0000000'), executions: [execution(1)], seq: 4 });
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    expect(transport.invoked).toEqual([{ name: 'jobs.get', input: { jobId: 'job_k0000000' } }]);
  });

  it('takes a control command’s answer as the job’s state, dropping a pause reason that no longer holds', () => {
    jobDetailLoaded({
      job: job('job_e0000000', { state: 'paused', pauseReason: 'wave-gate', pauseMessage: 'canary done' }),
      executions: [],
    });
    jobControlled('job_e0000000', { state: 'running', currentWave: 1 });
    expect(jobsStore.getState().byId.job_e0000000).toMatchObject({
      state: 'running',
      currentWave: 1,
      pauseReason: null,
      pauseMessage: null,
    });
  });

  it('replaces one execution with what a device control returned', () => {
    jobDetailLoaded({ job: job('job_f0000000'), executions: [execution(1), execution(2)] });
    executionReported('job_f0000000', execution(2, { held: true }));
    const { byDevice, order } = executionsOf('job_f0000000');
    expect(order).toEqual([execution(1).deviceId, execution(2).deviceId]);
    expect(byDevice[execution(2).deviceId]!.held).toBe(true);
  });

  it('appends only new log lines and keeps the newest ones', () => {
    jobLogReceived('job_g0000000', [logEntry(1), logEntry(2)]);
    jobLogReceived('job_g0000000', [logEntry(2), logEntry(3)]);
    expect(jobsStore.getState().logs.job_g0000000!.map((l) => l.seq)).toEqual([1, 2, 3]);
    jobLogReceived(
      'job_g0000000',
      Array.from({ length: MAX_LOG_LINES }, (_, i) => logEntry(i + 4)),
    );
    const kept = jobsStore.getState().logs.job_g0000000!;
    expect(kept).toHaveLength(MAX_LOG_LINES);
    expect(kept[0]!.seq).toBe(4);
  });
});
