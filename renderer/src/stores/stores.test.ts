import { afterEach, describe, expect, it } from 'vitest';
import { device, execution, job } from '../test-support/fixtures';
import { devicesLoaded, devicesStore, devicesUpdated } from './devices-store';
import { jobDetailLoaded, jobProgressReceived, jobsLoaded, jobsStore } from './jobs-store';
import { selectionReplaced, selectionToggled, uiStore } from './ui-store';

afterEach(() => {
  devicesStore.setState(devicesStore.getInitialState(), true);
  jobsStore.setState(jobsStore.getInitialState(), true);
  uiStore.setState(uiStore.getInitialState(), true);
});

describe('devices store', () => {
  it('orders devices by name and applies updates by id', () => {
    devicesLoaded([device(2, { name: 'Zeta' }), device(1, { name: 'alpha' })]);
    expect(devicesStore.getState().order).toEqual([device(1).id, device(2).id]);
    devicesUpdated([device(2, { name: 'Aardvark', online: false }), device(3, { name: 'Mid' })]);
    const { order, byId } = devicesStore.getState();
    expect(order).toEqual([device(2).id, device(1).id, device(3).id]);
    expect(byId[device(2).id]).toMatchObject({ online: false });
  });
});

describe('jobs store', () => {
  it('selects the newest job on first load', () => {
    jobsLoaded([job('job_old00000', { createdAt: 1 }), job('job_new00000', { createdAt: 5 })]);
    expect(jobsStore.getState().selectedJobId).toBe('job_new00000');
  });

  it('folds progress into a loaded job without losing untouched executions', () => {
    jobDetailLoaded({ job: job('job_a0000000'), executions: [execution(1), execution(2)] });
    jobProgressReceived({
      job: job('job_a0000000', {
        counts: { queued: 1, running: 1, succeeded: 0, failed: 0, canceled: 0, interrupted: 0 },
      }),
      executions: [execution(2, { state: 'running' })],
    });
    const state = jobsStore.getState();
    expect(state.byId.job_a0000000!.counts.running).toBe(1);
    const executions = state.executions.job_a0000000!;
    expect(executions.order).toEqual([execution(1).deviceId, execution(2).deviceId]);
    expect(executions.byDevice[execution(1).deviceId]!.state).toBe('queued');
    expect(executions.byDevice[execution(2).deviceId]!.state).toBe('running');
  });

  it('adds a job it first hears of through progress', () => {
    jobProgressReceived({ job: job('job_b0000000'), executions: [] });
    expect(jobsStore.getState().byId.job_b0000000).toBeDefined();
  });
});

describe('ui store', () => {
  it('toggles and replaces the selection', () => {
    selectionToggled('a');
    selectionToggled('b');
    selectionToggled('a');
    expect(Object.keys(uiStore.getState().selection)).toEqual(['b']);
    selectionReplaced(['x', 'y']);
    expect(Object.keys(uiStore.getState().selection)).toEqual(['x', 'y']);
  });
});
