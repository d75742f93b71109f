import { createStore, useStore } from 'zustand';
import type { ArtifactMeta } from '../../../shared/domain/artifacts';

export type ArtifactContent =
  | { state: 'loading' }
  | { state: 'loaded'; meta: ArtifactMeta; content: unknown }
  | { state: 'failed'; error: string };

export interface ArtifactsState {
  /** `artifacts.list` answers by device id, newest first. */
  byDevice: Record<string, ArtifactMeta[]>;
  /** Snapshots opened in a viewer, by artifact id. */
  contents: Record<string, ArtifactContent>;
  /** The snapshot shown in the drawer's viewer. */
  openArtifactId: string | null;
}

export const artifactsStore = createStore<ArtifactsState>()(() => ({
  byDevice: {},
  contents: {},
  openArtifactId: null,
}));

export function deviceArtifactsListed(deviceId: string, metas: readonly ArtifactMeta[]): void {
  artifactsStore.setState({ byDevice: { ...artifactsStore.getState().byDevice, [deviceId]: [...metas] } });
}

export function artifactContentChanged(id: string, content: ArtifactContent): void {
  artifactsStore.setState({ contents: { ...artifactsStore.getState().contents, [id]: content } });
}

export function artifactOpened(id: string | null): void {
  artifactsStore.setState({ openArtifactId: id });
}

/** True when the device's list was loaded and does not hold `artifactId` yet. */
export function isArtifactMissing(deviceId: string, artifactId: string): boolean {
  const list = artifactsStore.getState().byDevice[deviceId];
  return list !== undefined && !list.some((a) => a.id === artifactId);
}

/** The device's snapshots, or undefined until they were listed. */
export function useDeviceArtifacts(deviceId: string): ArtifactMeta[] | undefined {
  return useStore(artifactsStore, (s) => s.byDevice[deviceId]);
}

export function useArtifactContent(id: string | null): ArtifactContent | undefined {
  return useStore(artifactsStore, (s) => (id ? s.contents[id] : undefined));
}

export function useOpenArtifactId(): string | null {
  return useStore(artifactsStore, (s) => s.openArtifactId);
}
