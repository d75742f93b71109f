import { createStore, useStore } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/contract';

export type AppState = 'connecting' | 'ready' | 'disconnected' | 'error';
export type AppView =
  | 'inventory'
  | 'discovery'
  | 'credentials'
  | 'firmware'
  | 'jobs'
  | 'templates'
  | 'sync'
  | 'bundle'
  | 'audit'
  | 'history';

export interface UiState {
  appState: AppState;
  info: AppInfo | null;
  view: AppView;
  /** The device whose detail drawer is open. */
  drawerDeviceId: string | null;
  /** Last error shown to the user (an IpcError message). */
  notice: string | null;
}

export const uiStore = createStore<UiState>()(() => ({
  appState: 'connecting',
  info: null,
  view: 'inventory',
  drawerDeviceId: null,
  notice: null,
}));

export function appStateChanged(appState: AppState, notice: string | null = null): void {
  uiStore.setState({ appState, notice });
}

export function appInfoLoaded(info: AppInfo): void {
  uiStore.setState({ info });
}

export function noticeShown(notice: string | null): void {
  uiStore.setState({ notice });
}

export function viewChosen(view: AppView): void {
  uiStore.setState({ view });
}

export function drawerOpened(deviceId: string): void {
  uiStore.setState({ drawerDeviceId: deviceId });
}

export function drawerClosed(): void {
  uiStore.setState({ drawerDeviceId: null });
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(uiStore, selector);
}
