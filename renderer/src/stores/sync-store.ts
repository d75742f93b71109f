import { createStore, useStore } from 'zustand';
import type { SyncStatus, SyncTargetSettings } from '../../../shared/domain/sync';

export interface SyncState {
  /** The latest status main reported (`sync.getStatus`, `sync.statusChanged`, `sync.syncNow`). */
  status: SyncStatus | null;
  /** Targets as main reported them: never a secret, only that one is stored. */
  targets: SyncTargetSettings[];
  isLoaded: boolean;
  /** A "Sync now" is running. */
  isSyncing: boolean;
}

export const syncStore = createStore<SyncState>()(() => ({
  status: null,
  targets: [],
  isLoaded: false,
  isSyncing: false,
}));

export function syncStatusReceived(status: SyncStatus): void {
  syncStore.setState({ status });
}

export function syncTargetsLoaded(targets: readonly SyncTargetSettings[]): void {
  syncStore.setState({ targets: [...targets], isLoaded: true });
}

export function syncTargetSaved(target: SyncTargetSettings): void {
  const targets = syncStore.getState().targets;
  const known = targets.some((t) => t.id === target.id);
  syncStore.setState({
    targets: known ? targets.map((t) => (t.id === target.id ? target : t)) : [...targets, target],
  });
}

export function syncTargetRemoved(id: string): void {
  syncStore.setState({ targets: syncStore.getState().targets.filter((t) => t.id !== id) });
}

export function syncRunChanged(isSyncing: boolean): void {
  syncStore.setState({ isSyncing });
}

export function useSync<T>(selector: (s: SyncState) => T): T {
  return useStore(syncStore, selector);
}
