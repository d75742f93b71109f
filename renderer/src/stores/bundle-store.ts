import { createStore, useStore } from 'zustand';
import type {
  BundleExportResult,
  BundleImportResult,
  BundleInclude,
  BundlePreview,
} from '../../../shared/domain/bundle';

/** The export the technician asked for, as main answered. */
export type BundleExportState =
  | { state: 'idle' }
  | { state: 'exporting'; sent: number; size: number | null }
  | { state: 'done'; result: BundleExportResult }
  | { state: 'failed'; message: string };

/**
 * A bundle file on its way in: sent in chunks, checked (the preview), imported, or refused with main's reason
 * (`problem` is BundleProblemSchema's code when main named one).
 */
export type BundleImportState =
  | { state: 'idle' }
  | { state: 'uploading'; fileName: string; sent: number; size: number }
  | { state: 'checking'; fileName: string }
  | { state: 'previewed'; fileName: string; uploadId: string; preview: BundlePreview; isImporting: boolean }
  | { state: 'imported'; fileName: string; result: BundleImportResult }
  | { state: 'refused'; fileName: string; problem: string | null; message: string };

export interface BundleState {
  include: BundleInclude;
  exported: BundleExportState;
  incoming: BundleImportState;
}

const initial = (): BundleState => ({
  include: { images: true, templates: true, groups: true, devices: true },
  exported: { state: 'idle' },
  incoming: { state: 'idle' },
});

export const bundleStore = createStore<BundleState>()(initial);

export function bundleIncludeChanged(patch: Partial<BundleInclude>): void {
  bundleStore.setState((s) => ({ include: { ...s.include, ...patch } }));
}

export function bundleExportChanged(exported: BundleExportState): void {
  bundleStore.setState({ exported });
}

export function bundleImportChanged(incoming: BundleImportState): void {
  bundleStore.setState({ incoming });
}

export function useBundle<T>(selector: (s: BundleState) => T): T {
  return useStore(bundleStore, selector);
}
