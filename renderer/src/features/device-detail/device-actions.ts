import type { DeviceEdit, DeviceId } from '../../../../shared/domain/device';
import { invoke } from '../../api/client';
import {
  deviceDetailLoaded,
  deviceNotesSaved,
  devicesRemoved,
  devicesUpdated,
} from '../../stores/devices-store';
import { selectionDevicesRemoved } from '../../stores/selection-store';
import { drawerClosed, drawerOpened } from '../../stores/ui-store';
import { closeArtifact, listArtifacts } from '../artifacts/artifact-intents';
import { reportError } from '../command-errors';

/** Opens the detail drawer and loads the device's endpoints, payload, history and snapshots. */
export async function openDevice(id: string): Promise<void> {
  drawerOpened(id);
  closeArtifact();
  const detail = invoke('devices.get', { id: id as DeviceId });
  const snapshots = listArtifacts(id);
  try {
    deviceDetailLoaded(await detail);
  } catch (error) {
    reportError(error);
  }
  await snapshots;
}

export function closeDevice(): void {
  drawerClosed();
}

/** Rename, tag, annotate or mark "never touch"; resolves true when main accepted the edit. */
export async function editDevice(edit: DeviceEdit): Promise<boolean> {
  try {
    devicesUpdated([await invoke('devices.update', edit)]);
    if (edit.notes !== undefined) deviceNotesSaved(edit.id, edit.notes);
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

/** Removes devices from the inventory (they come back as new if seen again). */
export async function forgetDevices(ids: readonly string[]): Promise<boolean> {
  try {
    await invoke('devices.forget', { ids: ids as DeviceId[] });
    devicesRemoved(ids);
    selectionDevicesRemoved(ids);
    drawerClosed();
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}
