import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobId } from '../../../shared/domain/job';
import { deviceArtifactsListed, isArtifactMissing } from '../stores/artifacts-store';
import { deviceDetailLoaded, devicesLoaded, devicesRemoved, devicesUpdated } from '../stores/devices-store';
import { discoverySettingsLoaded, discoveryStatusReceived } from '../stores/discovery-store';
import { groupsLoaded } from '../stores/groups-store';
import { jobDetailLoaded, jobProgressReceived, jobsLoaded, jobsStore } from '../stores/jobs-store';
import { selectionDevicesRemoved } from '../stores/selection-store';
import { appInfoLoaded, appStateChanged, drawerClosed, uiStore } from '../stores/ui-store';
import { showJob } from '../features/job-runs/job-actions';
import { JobNotifier } from '../features/job-runs/job-notifications';
import { connect, invoke, onDisconnect, subscribe } from './client';

/** The open drawer shows endpoints and sightings, which only `devices.get` carries: refetch when it changed. */
function refreshOpenDetail(changedIds: readonly string[]): void {
  const open = uiStore.getState().drawerDeviceId;
  if (open === null || !changedIds.includes(open)) return;
  invoke('devices.get', { id: open as DeviceId }).then(deviceDetailLoaded, () => {});
}

/** A collect on the open device stored a new snapshot: list the device's snapshots again. */
function refreshOpenArtifacts(executions: readonly ExecutionSummary[]): void {
  const open = uiStore.getState().drawerDeviceId;
  const collected = executions.some(
    (e) => e.deviceId === open && e.artifactId !== null && isArtifactMissing(e.deviceId, e.artifactId),
  );
  if (open === null || !collected) return;
  invoke('artifacts.list', { deviceId: open as DeviceId }).then(
    (list) => deviceArtifactsListed(open, list),
    () => {},
  );
}

/**
 * Subscribes to every contract event exactly once; returns the disposers. A job's progress is compared with
 * what the store had before it is applied, so `notifier` sees each transition once.
 */
export function subscribeToEvents(notifier?: JobNotifier): (() => void)[] {
  return [
    subscribe('devices.updated', ({ devices }) => {
      devicesUpdated(devices);
      refreshOpenDetail(devices.map((d) => d.id));
    }),
    subscribe('devices.removed', ({ ids }) => {
      devicesRemoved(ids);
      selectionDevicesRemoved(ids);
      const open = uiStore.getState().drawerDeviceId;
      if (open !== null && ids.includes(open as DeviceId)) drawerClosed();
    }),
    subscribe('groups.changed', ({ groups }) => groupsLoaded(groups)),
    subscribe('discovery.statusChanged', discoveryStatusReceived),
    subscribe('jobs.progressed', (progress) => {
      notifier?.jobChanged(jobsStore.getState().byId[progress.job.id], progress.job);
      jobProgressReceived(progress);
      refreshOpenArtifacts(progress.executions);
    }),
  ];
}

/**
 * Start-up: connect, subscribe to every contract event once (feeding the stores), then load the current
 * state from main. Subscribing first means nothing that happens during the load is missed.
 */
export async function startBridge(): Promise<() => void> {
  try {
    await connect();
    const notifier = new JobNotifier(
      typeof Notification === 'undefined' ? undefined : Notification,
      (jobId) => void showJob(jobId),
    );
    const disposers = subscribeToEvents(notifier);
    onDisconnect(() =>
      appStateChanged('disconnected', 'The connection to Fieldbatch was lost. Reload to reconnect.'),
    );
    // The device list is by far the largest answer: it is applied the moment it arrives, not after the rest.
    const [, info, groups, discovery, settings, jobs] = await Promise.all([
      invoke('devices.list', {}).then(devicesLoaded),
      invoke('app.getInfo', {}),
      invoke('groups.list', {}),
      invoke('discovery.getStatus', {}),
      invoke('discovery.getSettings', {}),
      invoke('jobs.list', {}),
    ]);
    appInfoLoaded(info);
    groupsLoaded(groups);
    discoveryStatusReceived(discovery);
    discoverySettingsLoaded(settings);
    jobsLoaded(jobs);
    const selected = jobsStore.getState().selectedJobId;
    if (selected) jobDetailLoaded(await invoke('jobs.get', { jobId: selected as JobId }));
    appStateChanged('ready');
    notifier.askPermission();
    return () => disposers.forEach((dispose) => dispose());
  } catch (error) {
    appStateChanged('error', (error as Error).message);
    return () => {};
  }
}
