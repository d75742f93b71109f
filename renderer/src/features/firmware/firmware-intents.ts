import type {
  FirmwareServerSettingsUpdate,
  FirmwareUpdate,
  SelfCheckRequest,
} from '../../../../shared/domain/firmware';
import { invoke } from '../../api/client';
import { interfacesLoaded } from '../../stores/discovery-store';
import {
  firmwareImageRemoved,
  firmwareImageSaved,
  firmwareLoaded,
  firmwareServerLoaded,
  selfCheckChanged,
} from '../../stores/firmware-store';
import { viewChosen } from '../../stores/ui-store';
import { errorMessage, reportError } from '../command-errors';

export async function loadFirmwareLibrary(): Promise<void> {
  try {
    firmwareLoaded(await invoke('firmware.list', {}));
  } catch (error) {
    reportError(error);
  }
}

/** Opens the library screen: images, the server's state and the interfaces it can serve on. */
export async function showFirmware(): Promise<void> {
  viewChosen('firmware');
  try {
    const [images, server, interfaces] = await Promise.all([
      invoke('firmware.list', {}),
      invoke('firmware.getServer', {}),
      invoke('discovery.listInterfaces', {}),
    ]);
    firmwareLoaded(images);
    firmwareServerLoaded(server);
    interfacesLoaded(interfaces);
  } catch (error) {
    reportError(error);
  }
}

/** Notes, and version/models of images without a manifest; resolves true when saved. */
export async function updateFirmwareImage(input: FirmwareUpdate): Promise<boolean> {
  try {
    firmwareImageSaved(await invoke('firmware.update', input));
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

export async function removeFirmwareImage(sha256: string): Promise<void> {
  try {
    await invoke('firmware.remove', { sha256 });
    firmwareImageRemoved(sha256);
  } catch (error) {
    reportError(error);
  }
}

export async function updateFirmwareServer(patch: FirmwareServerSettingsUpdate): Promise<boolean> {
  try {
    firmwareServerLoaded(await invoke('firmware.updateServer', patch));
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

/** Asks main whether devices can reach the firmware server; the verdict is shown as main words it. */
export async function checkReachability(request: SelfCheckRequest = {}): Promise<void> {
  selfCheckChanged({ state: 'checking' });
  try {
    const result = await invoke('firmware.selfCheck', request);
    selfCheckChanged({ state: 'done', result });
    firmwareServerLoaded(await invoke('firmware.getServer', {}));
  } catch (error) {
    selfCheckChanged({ state: 'failed', error: errorMessage(error) });
  }
}
