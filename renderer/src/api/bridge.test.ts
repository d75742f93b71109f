import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES } from '../../../shared/ipc/channels';
import { progressPayload } from '../../../shared/domain/job-progress';
import { ok } from '../../../shared/ipc/result';
import { artifactsStore, deviceArtifactsListed } from '../stores/artifacts-store';
import { devicesLoaded, devicesStore } from '../stores/devices-store';
import { discoveryStore } from '../stores/discovery-store';
import { groupsStore } from '../stores/groups-store';
import { jobDetailLoaded } from '../stores/jobs-store';
import { selectionReplaced, selectionStore } from '../stores/selection-store';
import { drawerOpened, uiStore } from '../stores/ui-store';
import { FakeTransport } from '../../../test-support/renderer/fake-transport';
import {
  detail,
  device,
  discoveryStatus,
  execution,
  job,
  smartGroup,
} from '../../../test-support/renderer/fixtures';
import { resetAll } from '../../../test-support/renderer/reset-stores';
import { JobNotifier } from '../features/job-runs/job-notifications';
import { setTransport } from './client';
import { subscribeToEvents } from './bridge';

afterEach(resetAll);

class CountingTransport extends FakeTransport {
  readonly subscriptions: string[] = [];
  override on(name: string, listener: (payload: unknown) => void): () => void {
    this.subscriptions.push(name);
    return super.on(name, listener);
  }
}

describe('bridge', () => {
  it('subscribes to every contract event exactly once', () => {
    const transport = new CountingTransport();
    setTransport(transport);
    subscribeToEvents();
    expect([...transport.subscriptions].sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('feeds events to the stores: removals prune the selection and close the drawer', () => {
    const transport = new FakeTransport();
    setTransport(transport);
    subscribeToEvents();
    devicesLoaded([device(1), device(2)]);
    selectionReplaced([device(1).id, device(2).id]);
    drawerOpened(device(1).id);
    transport.push('devices.removed', { ids: [device(1).id] });
    transport.push('groups.changed', { groups: [smartGroup(1, { online: true })] });
    transport.push('discovery.statusChanged', discoveryStatus());
    expect([...devicesStore.getState().byId.keys()]).toEqual([device(2).id]);
    expect(Object.keys(selectionStore.getState().selection)).toEqual([device(2).id]);
    expect(uiStore.getState().drawerDeviceId).toBeNull();
    expect(Object.keys(groupsStore.getState().byId)).toEqual([smartGroup(1, {}).id]);
    expect(discoveryStore.getState().status?.sources).toHaveLength(2);
  });

  it('refetches the open device when it changes, and only that one', async () => {
    const fresh = detail(1, { notes: 'from main' });
    const transport = new FakeTransport({ 'devices.get': () => ok(fresh) });
    setTransport(transport);
    subscribeToEvents();
    drawerOpened(device(1).id);
    transport.push('devices.updated', { devices: [device(2)] });
    expect(transport.invoked).toEqual([]);
    transport.push('devices.updated', { devices: [device(1, { online: false })] });
    expect(transport.invoked).toEqual([{ name: 'devices.get', input: { id: device(1).id } }]);
    await expect.poll(() => devicesStore.getState().details[device(1).id]?.notes).toBe('from main');
  });

  it("lists the open device's snapshots again when a collect on it stored a new one", async () => {
    const meta = {
      id: 'art_new000001',
      deviceId: device(1).id,
      jobId: 'job_a0000000',
      kind: 'shelly-snapshot',
      size: 10,
      sha256: 'a'.repeat(64),
      createdAt: 1,
    };
    const transport = new FakeTransport({ 'artifacts.list': () => ok([meta]) });
    setTransport(transport);
    subscribeToEvents();
    drawerOpened(device(1).id);
    deviceArtifactsListed(device(1).id, []);
    jobDetailLoaded({ job: job('job_a0000000'), executions: [execution(1), execution(2)] });
    const collected = progressPayload(job('job_a0000000'), 2, [
      { position: 0, execution: execution(1, { state: 'succeeded', artifactId: meta.id }) },
    ]);
    transport.push(
      'jobs.progressed',
      progressPayload(job('job_a0000000'), 1, [
        { position: 1, execution: execution(2, { artifactId: 'art_other0001' }) },
      ]),
    );
    expect(transport.invoked).toEqual([]);
    transport.push('jobs.progressed', collected);
    expect(transport.invoked).toEqual([{ name: 'artifacts.list', input: { deviceId: device(1).id } }]);
    await expect.poll(() => artifactsStore.getState().byDevice[device(1).id]).toEqual([meta]);
    transport.push('jobs.progressed', collected);
    expect(transport.invoked).toHaveLength(1);
  });

  it('shows each job transition to the notifier once, against what the store had before', () => {
    const transport = new FakeTransport();
    setTransport(transport);
    const seen: [string | undefined, string][] = [];
    const notifier = new JobNotifier(undefined, () => {});
    vi.spyOn(notifier, 'jobChanged').mockImplementation((previous, next) => {
      seen.push([previous?.state, next.state]);
    });
    subscribeToEvents(notifier);
    transport.push('jobs.progressed', progressPayload(job('job_a0000000'), 1, []));
    transport.push('jobs.progressed', progressPayload(job('job_a0000000', { state: 'completed' }), 2, []));
    expect(seen).toEqual([
      [undefined, 'running'],
      ['running', 'completed'],
    ]);
  });
});
