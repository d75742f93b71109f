import type { JobId } from '../../../shared/domain/job';
import { devicesLoaded, devicesUpdated } from '../stores/devices-store';
import { jobDetailLoaded, jobProgressReceived, jobsLoaded, jobsStore } from '../stores/jobs-store';
import { appInfoLoaded, appStateChanged, discoveryStatusReceived } from '../stores/ui-store';
import { connect, invoke, onDisconnect, subscribe } from './client';

/**
 * Start-up: connect, subscribe to every contract event once (feeding the stores), then load the current
 * state from main. Subscribing first means nothing that happens during the load is missed.
 */
export async function startBridge(): Promise<() => void> {
  try {
    await connect();
    const disposers = [
      subscribe('devices.updated', (p) => devicesUpdated(p.devices)),
      subscribe('discovery.statusChanged', discoveryStatusReceived),
      subscribe('jobs.progressed', jobProgressReceived),
    ];
    onDisconnect(() =>
      appStateChanged('disconnected', 'The connection to Fieldbatch was lost. Reload to reconnect.'),
    );
    const [info, devices, discovery, jobs] = await Promise.all([
      invoke('app.getInfo', {}),
      invoke('devices.list', {}),
      invoke('discovery.getStatus', {}),
      invoke('jobs.list', {}),
    ]);
    appInfoLoaded(info);
    devicesLoaded(devices);
    discoveryStatusReceived(discovery);
    jobsLoaded(jobs);
    const selected = jobsStore.getState().selectedJobId;
    if (selected) jobDetailLoaded(await invoke('jobs.get', { jobId: selected as JobId }));
    appStateChanged('ready');
    return () => disposers.forEach((dispose) => dispose());
  } catch (error) {
    appStateChanged('error', (error as Error).message);
    return () => {};
  }
}
