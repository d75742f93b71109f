import { createStore, useStore } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { DiscoveryStatus } from '../../../shared/domain/discovery';

export type AppState = 'connecting' | 'ready' | 'disconnected' | 'error';

export interface UiState {
  appState: AppState;
  info: AppInfo | null;
  discovery: DiscoveryStatus | null;
  /** Selected device ids. */
  selection: Record<string, true>;
  /** Last error shown to the user (an IpcError message). */
  notice: string | null;
}

export const uiStore = createStore<UiState>()(() => ({
  appState: 'connecting',
  info: null,
  discovery: null,
  selection: {},
  notice: null,
}));

export function appStateChanged(appState: AppState, notice: string | null = null): void {
  uiStore.setState({ appState, notice });
}

export function appInfoLoaded(info: AppInfo): void {
  uiStore.setState({ info });
}

export function discoveryStatusReceived(discovery: DiscoveryStatus): void {
  uiStore.setState({ discovery });
}

export function noticeShown(notice: string | null): void {
  uiStore.setState({ notice });
}

export function selectionToggled(id: string): void {
  const selection = { ...uiStore.getState().selection };
  if (selection[id]) delete selection[id];
  else selection[id] = true;
  uiStore.setState({ selection });
}

export function selectionReplaced(ids: readonly string[]): void {
  uiStore.setState({ selection: Object.fromEntries(ids.map((id) => [id, true as const])) });
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(uiStore, selector);
}
