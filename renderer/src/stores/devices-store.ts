import { createStore, useStore } from 'zustand';
import type { DeviceSummary } from '../../../shared/domain/device';

export interface DevicesState {
  byId: Record<string, DeviceSummary>;
  /** Ids sorted by display name. */
  order: string[];
}

const displayName = (d: DeviceSummary) => (d.name ?? d.product ?? d.id).toLowerCase();

function sortIds(byId: Record<string, DeviceSummary>): string[] {
  return Object.values(byId)
    .sort((a, b) => displayName(a).localeCompare(displayName(b)) || a.id.localeCompare(b.id))
    .map((d) => d.id);
}

export const devicesStore = createStore<DevicesState>()(() => ({ byId: {}, order: [] }));

/** The full list from `devices.list` replaces what we had. */
export function devicesLoaded(devices: readonly DeviceSummary[]): void {
  const byId = Object.fromEntries(devices.map((d) => [d.id, d]));
  devicesStore.setState({ byId, order: sortIds(byId) });
}

/** `devices.updated`: changed or new devices. */
export function devicesUpdated(devices: readonly DeviceSummary[]): void {
  const byId = { ...devicesStore.getState().byId };
  for (const d of devices) byId[d.id] = d;
  devicesStore.setState({ byId, order: sortIds(byId) });
}

export function useDeviceOrder(): string[] {
  return useStore(devicesStore, (s) => s.order);
}

export function useDevice(id: string): DeviceSummary | undefined {
  return useStore(devicesStore, (s) => s.byId[id]);
}

export function useDeviceCounts(): { total: number; online: number } {
  const total = useStore(devicesStore, (s) => s.order.length);
  const online = useStore(devicesStore, (s) => Object.values(s.byId).filter((d) => d.online).length);
  return { total, online };
}
