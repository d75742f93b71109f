import { createStore, useStore } from 'zustand';
import type { CsvImportReport, DiscoveryStatus, SerialPortStatus } from '../../../shared/domain/discovery';
import type { BrokerSettings, DiscoverySettings, NetworkInterface } from '../../../shared/domain/settings';

export type CsvImportState =
  | { state: 'idle' }
  | { state: 'importing'; fileName: string }
  | { state: 'done'; fileName: string; report: CsvImportReport }
  | { state: 'failed'; fileName: string; error: string };

export type ManualAddState =
  | { state: 'idle' }
  | { state: 'adding'; address: string }
  | { state: 'added'; address: string; deviceId: string; label: string }
  | { state: 'failed'; address: string; error: string };

export interface DiscoveryState {
  status: DiscoveryStatus | null;
  settings: DiscoverySettings | null;
  interfaces: NetworkInterface[] | null;
  /** Ports probed by path (typed by hand or listed), by path: the probe's latest answer. */
  probes: Record<string, SerialPortStatus>;
  csvImport: CsvImportState;
  manualAdd: ManualAddState;
}

export const discoveryStore = createStore<DiscoveryState>()(() => ({
  status: null,
  settings: null,
  interfaces: null,
  probes: {},
  csvImport: { state: 'idle' },
  manualAdd: { state: 'idle' },
}));

export function discoveryStatusReceived(status: DiscoveryStatus): void {
  discoveryStore.setState({ status });
}

export function discoverySettingsLoaded(settings: DiscoverySettings): void {
  discoveryStore.setState({ settings });
}

export function brokerSaved(broker: BrokerSettings): void {
  const { settings } = discoveryStore.getState();
  if (!settings) return;
  const known = settings.brokers.some((b) => b.id === broker.id);
  const brokers = known
    ? settings.brokers.map((b) => (b.id === broker.id ? broker : b))
    : [...settings.brokers, broker];
  discoveryStore.setState({ settings: { ...settings, brokers } });
}

export function brokerRemoved(brokerId: string): void {
  const { settings } = discoveryStore.getState();
  if (!settings) return;
  discoveryStore.setState({
    settings: { ...settings, brokers: settings.brokers.filter((b) => b.id !== brokerId) },
  });
}

export function interfacesLoaded(interfaces: NetworkInterface[]): void {
  discoveryStore.setState({ interfaces });
}

export function serialProbeChanged(port: SerialPortStatus): void {
  discoveryStore.setState({ probes: { ...discoveryStore.getState().probes, [port.path]: port } });
}

export function csvImportChanged(csvImport: CsvImportState): void {
  discoveryStore.setState({ csvImport });
}

export function manualAddChanged(manualAdd: ManualAddState): void {
  discoveryStore.setState({ manualAdd });
}

export function useDiscovery<T>(selector: (s: DiscoveryState) => T): T {
  return useStore(discoveryStore, selector);
}
