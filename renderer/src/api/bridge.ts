import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobId, JobSummary } from '../../../shared/domain/job';
import { deviceArtifactsListed, isArtifactMissing } from '../stores/artifacts-store';
import { deviceDetailLoaded, devicesLoaded, devicesRemoved, devicesUpdated } from '../stores/devices-store';
import { discoverySettingsLoaded, discoveryStatusReceived } from '../stores/discovery-store';
import { groupsLoaded } from '../stores/groups-store';
import { jobDetailLoaded, jobProgressReceived, jobsLoaded, jobsStore } from '../stores/jobs-store';
import { selectionDevicesRemoved } from '../stores/selection-store';
import { syncStatusReceived } from '../stores/sync-store';
import { appInfoLoaded, appStateChanged, drawerClosed, uiStore } from '../stores/ui-store';
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

/** Hears each change of a run, with what the jobs store held before it (desktop notifications listen). */
export interface JobChangeListener {
  jobChanged(previous: JobSummary | undefined, next: JobSummary): void;
}

/**
 * What the app shell plugs into the bridge at start-up. The bridge feeds stores and knows no feature: what a
 * feature does on an event is handed in here (renderer/src/app/start-app.ts).
 */
export interface BridgeHooks {
  /** Told of every job's progress before the store applies it. */
  jobs?: JobChangeListener;
  /** Called once the first load is done and the app is ready (not after a failed start). */
  onReady?: () => void;
}

/**
 * Subscribes to every contract event exactly once; returns the disposers. A job's progress is compared with
 * what the store had before it is applied, so `jobs` sees each transition once.
 */
export function subscribeToEvents(jobs?: JobChangeListener): (() => void)[] {
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
    subscribe('sync.statusChanged', syncStatusReceived),
    subscribe('jobs.progressed', (progress) => {
      jobs?.jobChanged(jobsStore.getState().byId[progress.job.id], progress.job);
      refreshOpenArtifacts(jobProgressReceived(progress));
    }),
  ];
}

/**
 * Start-up: connect, subscribe to every contract event once (feeding the stores), then load the current
 * state from main. Subscribing first means nothing that happens during the load is missed.
 */
export async function startBridge(hooks: BridgeHooks = {}): Promise<() => void> {
  try {
    await connect();
    const disposers = subscribeToEvents(hooks.jobs);
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
    hooks.onReady?.();
    // The header's pending count; not awaited: sync status is not needed to work.
    invoke('sync.getStatus', {}).then(syncStatusReceived, () => {});
    return () => disposers.forEach((dispose) => dispose());
  } catch (error) {
    appStateChanged('error', (error as Error).message);
    return () => {};
  }
}
