import { afterEach, describe, expect, it } from 'vitest';
import { resetAll } from '../../../test-support/renderer/reset-stores';
import {
  counts,
  detail,
  device,
  discoverySettings,
  execution,
  job,
  logEntry,
  smartGroup,
  staticGroup,
} from '../../../test-support/renderer/fixtures';
import {
  deviceDetailLoaded,
  deviceNotesSaved,
  devicesLoaded,
  devicesRemoved,
  devicesStore,
  devicesUpdated,
} from './devices-store';
import { brokerRemoved, brokerSaved, discoverySettingsLoaded, discoveryStore } from './discovery-store';
import { groupRemoved, groupSaved, groupsLoaded, groupsStore } from './groups-store';
import {
  executionReported,
  jobControlled,
  jobDetailLoaded,
  jobLogReceived,
  jobProgressReceived,
  jobsLoaded,
  jobsStore,
  MAX_LOG_LINES,
} from './jobs-store';

afterEach(resetAll);

describe('devices store', () => {
  it('replaces the inventory on load and applies updates by id', () => {
    devicesLoaded([device(1), device(2)]);
    expect(devicesStore.getState().isLoaded).toBe(true);
    devicesUpdated([device(2, { online: false }), device(3)]);
    const { byId } = devicesStore.getState();
    expect([...byId.keys()]).toEqual([device(1).id, device(2).id, device(3).id]);
    expect(byId.get(device(2).id)).toMatchObject({ online: false });
  });

  it('drops forgotten devices and their cached detail', () => {
    devicesLoaded([device(1), device(2)]);
    deviceDetailLoaded(detail(1));
    devicesRemoved([device(1).id]);
    expect(devicesStore.getState().byId.has(device(1).id)).toBe(false);
    expect(devicesStore.getState().details[device(1).id]).toBeUndefined();
    expect(devicesStore.getState().byId.has(device(2).id)).toBe(true);
  });

  it('keeps a cached detail current: summary from events, notes from a saved edit', () => {
    devicesLoaded([device(1)]);
    deviceDetailLoaded(detail(1, { notes: 'old' }));
    devicesUpdated([device(1, { tags: ['roof'] })]);
    deviceNotesSaved(device(1).id, 'new');
    const cached = devicesStore.getState().details[device(1).id]!;
    expect(cached.device.tags).toEqual(['roof']);
    expect(cached.notes).toBe('new');
    expect(cached.endpoints).toHaveLength(1);
  });

  it('gives a new map on every change, so selectors can memoise by identity', () => {
    devicesLoaded([device(1)]);
    const before = devicesStore.getState().byId;
    devicesUpdated([device(1, { online: false })]);
    expect(devicesStore.getState().byId).not.toBe(before);
    expect(before.get(device(1).id)!.online).toBe(true);
  });
});

describe('groups store', () => {
  it('takes the whole list from groups.changed and single results from commands', () => {
    groupsLoaded([staticGroup(1, []), smartGroup(2, { online: true })]);
    groupSaved(staticGroup(1, [device(1).id], 'Renamed'));
    groupRemoved(smartGroup(2, {}).id);
    expect(Object.values(groupsStore.getState().byId)).toEqual([staticGroup(1, [device(1).id], 'Renamed')]);
  });
});

describe('discovery store', () => {
  it('merges saved and removed brokers into the settings', () => {
    discoverySettingsLoaded(discoverySettings());
    const broker = {
      id: 'brk_aaaaaaaa' as never,
      name: 'Site broker',
      url: 'mqtt://broker:1883',
      username: null,
      hasPassword: true,
      caPem: null,
      enabled: true,
    };
    brokerSaved(broker);
    brokerSaved({ ...broker, enabled: false });
    expect(discoveryStore.getState().settings!.brokers).toEqual([{ ...broker, enabled: false }]);
    brokerRemoved(broker.id);
    expect(discoveryStore.getState().settings!.brokers).toEqual([]);
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
        counts: counts({ queued: 1, running: 1 }),
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

  it('keeps the executions of a job not loaded yet, so a just-started action shows its progress', () => {
    const running = execution(1, { state: 'running', progress: { message: 'rebooting', percent: null } });
    jobProgressReceived({ job: job('job_c0000000'), executions: [running] });
    expect(jobsStore.getState().executions.job_c0000000).toEqual({
      byDevice: { [running.deviceId]: running },
      order: [running.deviceId],
    });
  });

  it('does not let an older jobs.get answer overwrite a newer execution from an event', () => {
    const newer = execution(1, { state: 'succeeded', result: 'rebooted', updatedAt: 9 });
    jobProgressReceived({ job: job('job_d0000000'), executions: [newer] });
    jobDetailLoaded({
      job: job('job_d0000000'),
      executions: [execution(1, { state: 'running', updatedAt: 5 }), execution(2, { updatedAt: 5 })],
    });
    const { byDevice, order } = jobsStore.getState().executions.job_d0000000!;
    expect(order).toEqual([execution(1).deviceId, execution(2).deviceId]);
    expect(byDevice[execution(1).deviceId]).toEqual(newer);
    expect(byDevice[execution(2).deviceId]!.state).toBe('queued');
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
    const { byDevice, order } = jobsStore.getState().executions.job_f0000000!;
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
