import { createStore, useStore } from 'zustand';
import type { DeviceDetail, DeviceSummary } from '../../../shared/domain/device';
import { memoizeLast } from './memo';

/** Devices by id. A Map, not a Record: building and copying one of 10,000 entries is several times cheaper. */
export type DeviceMap = ReadonlyMap<string, DeviceSummary>;

export interface DevicesState {
  byId: DeviceMap;
  /** True once the first `devices.list` arrived (an empty inventory is loaded too). */
  isLoaded: boolean;
  /** `devices.get` results by id; their summary is kept current by `devices.updated`. */
  details: Record<string, DeviceDetail>;
}

export const devicesStore = createStore<DevicesState>()(() => ({
  byId: new Map(),
  isLoaded: false,
  details: {},
}));

/** The full list from `devices.list` replaces what we had. */
export function devicesLoaded(devices: readonly DeviceSummary[]): void {
  const byId = new Map<string, DeviceSummary>();
  for (const d of devices) byId.set(d.id, d);
  const details: Record<string, DeviceDetail> = {};
  for (const [id, detail] of Object.entries(devicesStore.getState().details)) {
    const device = byId.get(id);
    if (device) details[id] = { ...detail, device };
  }
  devicesStore.setState({ byId, isLoaded: true, details });
}

/** `devices.updated` (and command results): changed or new devices. */
export function devicesUpdated(devices: readonly DeviceSummary[]): void {
  if (devices.length === 0) return;
  const state = devicesStore.getState();
  const byId = new Map(state.byId);
  let details = state.details;
  for (const d of devices) {
    byId.set(d.id, d);
    const detail = details[d.id];
    if (detail) details = { ...details, [d.id]: { ...detail, device: d } };
  }
  devicesStore.setState({ byId, details });
}

/** `devices.removed`: forgotten devices leave the inventory and the detail cache. */
export function devicesRemoved(ids: readonly string[]): void {
  const state = devicesStore.getState();
  const byId = new Map(state.byId);
  const details = { ...state.details };
  for (const id of ids) {
    byId.delete(id);
    delete details[id];
  }
  devicesStore.setState({ byId, details });
}

export function deviceDetailLoaded(detail: DeviceDetail): void {
  const state = devicesStore.getState();
  const byId = new Map(state.byId);
  byId.set(detail.device.id, detail.device);
  devicesStore.setState({ byId, details: { ...state.details, [detail.device.id]: detail } });
}

/** Notes are only in the detail; a saved edit shows at once. */
export function deviceNotesSaved(id: string, notes: string): void {
  const { details } = devicesStore.getState();
  const detail = details[id];
  if (detail) devicesStore.setState({ details: { ...details, [id]: { ...detail, notes } } });
}

export function useDevice(id: string): DeviceSummary | undefined {
  return useStore(devicesStore, (s) => s.byId.get(id));
}

export function useDevicesById(): DeviceMap {
  return useStore(devicesStore, (s) => s.byId);
}

export function useDevicesLoaded(): boolean {
  return useStore(devicesStore, (s) => s.isLoaded);
}

export function useDeviceDetail(id: string | null): DeviceDetail | undefined {
  return useStore(devicesStore, (s) => (id ? s.details[id] : undefined));
}

const countsOf = memoizeLast((byId: DeviceMap) => {
  let online = 0;
  for (const d of byId.values()) if (d.online) online++;
  return { total: byId.size, online };
});

export function useDeviceCounts(): { total: number; online: number } {
  return countsOf(useStore(devicesStore, (s) => s.byId));
}
