import { deviceLabel, type DeviceId } from '../../../../shared/domain/device';
import { invoke } from '../../api/client';
import { datedFileName, downloadText } from '../../components/download';
import {
  artifactContentChanged,
  artifactOpened,
  artifactsStore,
  deviceArtifactsListed,
} from '../../stores/artifacts-store';
import { devicesStore } from '../../stores/devices-store';
import { errorMessage, reportError } from '../command-errors';

/** Loads the device's snapshots (newest first). */
export async function listArtifacts(deviceId: string): Promise<void> {
  try {
    deviceArtifactsListed(deviceId, await invoke('artifacts.list', { deviceId: deviceId as DeviceId }));
  } catch (error) {
    reportError(error);
  }
}

/** Loads a snapshot's content once; resolves with it when available. */
export async function loadArtifact(id: string): Promise<unknown> {
  const known = artifactsStore.getState().contents[id];
  if (known?.state === 'loaded') return known.content;
  artifactContentChanged(id, { state: 'loading' });
  try {
    const { meta, content } = await invoke('artifacts.get', { id });
    artifactContentChanged(id, { state: 'loaded', meta, content });
    return content;
  } catch (error) {
    artifactContentChanged(id, { state: 'failed', error: errorMessage(error) });
    return undefined;
  }
}

/** Shows a snapshot in the drawer's viewer. */
export async function openArtifact(id: string): Promise<void> {
  artifactOpened(id);
  await loadArtifact(id);
}

export function closeArtifact(): void {
  artifactOpened(null);
}

/** Saves a snapshot as pretty-printed JSON, named after the device and its time. */
export async function downloadArtifact(id: string): Promise<void> {
  const content = await loadArtifact(id);
  const loaded = artifactsStore.getState().contents[id];
  if (loaded?.state !== 'loaded') return;
  const device = devicesStore.getState().byId.get(loaded.meta.deviceId);
  const name = device ? deviceLabel(device) : loaded.meta.deviceId;
  downloadText(datedFileName(name, loaded.meta.createdAt, 'json'), JSON.stringify(content, null, 2));
}
