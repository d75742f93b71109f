import { createStore, useStore } from 'zustand';
import type {
  FirmwareFamily,
  FirmwareImage,
  FirmwareServerInfo,
  SelfCheck,
} from '../../../shared/domain/firmware';
import { memoizeLast } from './memo';

/** One file being imported, as this window drives it (chunks go out one after the other). */
export type UploadState =
  | { state: 'uploading' | 'finishing'; sent: number }
  | { state: 'needs-metadata'; sent: number; problem: string }
  | { state: 'done'; sent: number; sha256: string; isDuplicate: boolean }
  | { state: 'failed'; sent: number; error: string }
  | { state: 'canceled'; sent: number };

export interface Upload {
  /** Local key (the upload id main hands out arrives later). */
  key: string;
  fileName: string;
  size: number;
  uploadId: string | null;
  /** What main read from the file (and its name), offered when it asks for metadata. */
  guessed: { family?: FirmwareFamily; models?: string[]; version?: string };
  status: UploadState;
}

export type SelfCheckState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; result: SelfCheck }
  | { state: 'failed'; error: string };

export interface FirmwareState {
  bySha: Record<string, FirmwareImage>;
  isLoaded: boolean;
  uploads: Upload[];
  server: FirmwareServerInfo | null;
  selfCheck: SelfCheckState;
}

export const firmwareStore = createStore<FirmwareState>()(() => ({
  bySha: {},
  isLoaded: false,
  uploads: [],
  server: null,
  selfCheck: { state: 'idle' },
}));

export function firmwareLoaded(images: readonly FirmwareImage[]): void {
  firmwareStore.setState({ bySha: Object.fromEntries(images.map((i) => [i.sha256, i])), isLoaded: true });
}

export function firmwareImageSaved(image: FirmwareImage): void {
  firmwareStore.setState({ bySha: { ...firmwareStore.getState().bySha, [image.sha256]: image } });
}

export function firmwareImageRemoved(sha256: string): void {
  const bySha = { ...firmwareStore.getState().bySha };
  delete bySha[sha256];
  firmwareStore.setState({ bySha });
}

export function uploadAdded(upload: Upload): void {
  firmwareStore.setState({ uploads: [...firmwareStore.getState().uploads, upload] });
}

export function uploadChanged(key: string, patch: Partial<Omit<Upload, 'key'>>): void {
  firmwareStore.setState({
    uploads: firmwareStore.getState().uploads.map((u) => (u.key === key ? { ...u, ...patch } : u)),
  });
}

export function uploadDismissed(key: string): void {
  firmwareStore.setState({ uploads: firmwareStore.getState().uploads.filter((u) => u.key !== key) });
}

export function firmwareServerLoaded(server: FirmwareServerInfo): void {
  firmwareStore.setState({ server });
}

export function selfCheckChanged(selfCheck: SelfCheckState): void {
  firmwareStore.setState({ selfCheck });
}

const sortedImages = memoizeLast((bySha: Record<string, FirmwareImage>) =>
  Object.values(bySha).sort(
    (a, b) =>
      a.family.localeCompare(b.family) || b.importedAt - a.importedAt || a.sha256.localeCompare(b.sha256),
  ),
);

/** The library: by family, newest import first. */
export function useFirmwareImages(): FirmwareImage[] {
  return sortedImages(useStore(firmwareStore, (s) => s.bySha));
}

export function useFirmware<T>(selector: (s: FirmwareState) => T): T {
  return useStore(firmwareStore, selector);
}
