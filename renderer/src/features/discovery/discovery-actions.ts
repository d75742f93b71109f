import { deviceLabel } from '../../../../shared/domain/device';
import type { ManualAddRequest, ScanId, ScanRequest } from '../../../../shared/domain/discovery';
import type { BrokerId, BrokerSave, DiscoverySettingsUpdate } from '../../../../shared/domain/settings';
import { invoke } from '../../api/client';
import { devicesUpdated } from '../../stores/devices-store';
import {
  brokerRemoved,
  brokerSaved,
  csvImportChanged,
  discoverySettingsLoaded,
  discoveryStore,
  interfacesLoaded,
  manualAddChanged,
  serialProbeChanged,
} from '../../stores/discovery-store';
import { viewChosen } from '../../stores/ui-store';
import { errorMessage, reportError } from '../command-errors';

/** Opens the discovery panel and refreshes the interface list it offers for mDNS. */
export async function showDiscovery(): Promise<void> {
  viewChosen('discovery');
  try {
    interfacesLoaded(await invoke('discovery.listInterfaces', {}));
  } catch (error) {
    reportError(error);
  }
}

export async function updateDiscoverySettings(patch: DiscoverySettingsUpdate): Promise<boolean> {
  try {
    discoverySettingsLoaded(await invoke('discovery.updateSettings', patch));
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

export async function saveBroker(input: BrokerSave): Promise<boolean> {
  try {
    brokerSaved(await invoke('discovery.saveBroker', input));
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

export async function removeBroker(brokerId: string): Promise<void> {
  try {
    await invoke('discovery.removeBroker', { id: brokerId as BrokerId });
    brokerRemoved(brokerId);
  } catch (error) {
    reportError(error);
  }
}

/** Probes a listed port or a path typed by hand; the outcome shows in the port's row. */
export async function probeSerialPort(path: string): Promise<void> {
  const known =
    discoveryStore.getState().probes[path] ??
    discoveryStore.getState().status?.serialPorts.find((p) => p.path === path);
  const base = known ?? {
    path,
    manufacturer: null,
    serialNumber: null,
    vendorId: null,
    productId: null,
    chip: null,
    likelyFamilies: [],
    listed: false,
    deviceId: null,
    lastError: null,
  };
  serialProbeChanged({ ...base, probe: 'probing', lastError: null });
  try {
    serialProbeChanged(await invoke('discovery.probeSerial', { path }));
  } catch (error) {
    serialProbeChanged({ ...base, probe: 'error', lastError: errorMessage(error) });
  }
}

export async function addManualDevice(request: ManualAddRequest): Promise<void> {
  const address = request.port === undefined ? request.host : `${request.host}:${request.port}`;
  manualAddChanged({ state: 'adding', address });
  try {
    const device = await invoke('discovery.addManual', request);
    devicesUpdated([device]);
    manualAddChanged({ state: 'added', address, deviceId: device.id, label: deviceLabel(device) });
  } catch (error) {
    manualAddChanged({ state: 'failed', address, error: errorMessage(error) });
  }
}

export async function startScan(request: ScanRequest): Promise<void> {
  try {
    await invoke('discovery.startScan', request);
  } catch (error) {
    reportError(error);
  }
}

export async function cancelScan(scanId: string): Promise<void> {
  try {
    await invoke('discovery.cancelScan', { scanId: scanId as ScanId });
  } catch (error) {
    reportError(error);
  }
}

/** Sends the file's bytes (base64) to main, which refuses non-UTF-8 files itself; the report lands in the store. */
export async function importCsv(fileName: string, contentBase64: string): Promise<void> {
  csvImportChanged({ state: 'importing', fileName });
  try {
    const report = await invoke('discovery.importCsv', { fileName, contentBase64 });
    csvImportChanged({ state: 'done', fileName, report });
  } catch (error) {
    csvImportChanged({ state: 'failed', fileName, error: errorMessage(error) });
  }
}
