import type { UndoId } from '../../../../shared/domain/undo';
import { undoOffered } from '../../stores/undo-store';
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

/** Removes devices from the inventory (they come back as new if seen again), with Undo for a while. */
export async function forgetDevices(ids: readonly string[]): Promise<boolean> {
  try {
    const { forgotten, undoId } = await invoke('devices.forget', { ids: ids as DeviceId[] });
    devicesRemoved(ids);
    selectionDevicesRemoved(ids);
    drawerClosed();
    if (undoId) {
      const what = forgotten === 1 ? '1 device' : `${forgotten} devices`;
      undoOffered({ message: `Removed ${what}`, undo: () => restoreDevices(undoId) });
    }
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

/** Undo of a forget: main puts the devices back and announces them (`devices.updated`, `groups.changed`). */
async function restoreDevices(undoId: UndoId): Promise<void> {
  try {
    await invoke('devices.restore', { undoId });
  } catch (error) {
    reportError(error);
  }
}
