import { MAX_BUNDLE_BYTES } from '../../../../shared/domain/bundle';
import { MAX_UPLOAD_CHUNK_BYTES } from '../../../../shared/domain/firmware';
import { IpcError } from '../../../../shared/ipc/result';
import { invoke } from '../../api/client';
import { downloadBlob } from '../../components/download';
import { bundleExportChanged, bundleImportChanged, bundleStore } from '../../stores/bundle-store';
import { viewChosen } from '../../stores/ui-store';
import { errorMessage } from '../command-errors';
import { bytesToBase64 } from '../discovery/base64';
import { loadFirmwareLibrary } from '../firmware/firmware-intents';
import { loadTemplates } from '../templates/template-intents';

export function showBundle(): void {
  viewChosen('bundle');
}

/** Writes a bundle in main, then fetches it in chunks and hands it to the browser as one download. */
export async function exportBundle(): Promise<void> {
  bundleExportChanged({ state: 'exporting', sent: 0, size: null });
  try {
    const result = await invoke('bundle.export', { include: bundleStore.getState().include });
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for (let offset = 0, done = false; !done;) {
      const chunk = await invoke('bundle.exportChunk', { exportId: result.exportId, offset });
      const bytes = Uint8Array.from(atob(chunk.dataBase64), (c) => c.charCodeAt(0));
      parts.push(bytes);
      offset += bytes.length;
      done = chunk.done;
      bundleExportChanged({ state: 'exporting', sent: offset, size: result.size });
    }
    downloadBlob(result.fileName, new Blob(parts, { type: 'application/x-tar' }));
    bundleExportChanged({ state: 'done', result });
  } catch (error) {
    bundleExportChanged({ state: 'failed', message: errorMessage(error) });
  }
}

/** The reason main named for a refused bundle (`details.problem`), if any. */
function problemOf(error: unknown): string | null {
  if (!(error instanceof IpcError)) return null;
  const problem = (error.details as { problem?: unknown } | undefined)?.problem;
  return typeof problem === 'string' ? problem : null;
}

function refused(fileName: string, error: unknown): void {
  const message = error instanceof IpcError ? error.message : errorMessage(error);
  bundleImportChanged({ state: 'refused', fileName, problem: problemOf(error), message });
}

/** Sends the file in ≤ 512 KiB slices read with `File.slice()` (never whole), then asks main for the preview. */
export async function previewBundleFile(file: File): Promise<void> {
  const fileName = file.name;
  if (file.size === 0 || file.size > MAX_BUNDLE_BYTES) {
    const message = file.size === 0 ? 'the file is empty' : 'the file is larger than any site bundle may be';
    bundleImportChanged({ state: 'refused', fileName, problem: null, message });
    return;
  }
  try {
    const { uploadId } = await invoke('bundle.beginUpload', { fileName, size: file.size });
    for (let sent = 0; sent < file.size;) {
      bundleImportChanged({ state: 'uploading', fileName, sent, size: file.size });
      const bytes = new Uint8Array(await file.slice(sent, sent + MAX_UPLOAD_CHUNK_BYTES).arrayBuffer());
      const dataBase64 = bytesToBase64(bytes);
      sent = (await invoke('bundle.uploadChunk', { uploadId, offset: sent, dataBase64 })).received;
    }
    bundleImportChanged({ state: 'checking', fileName });
    const preview = await invoke('bundle.preview', { uploadId });
    bundleImportChanged({ state: 'previewed', fileName, uploadId, preview, isImporting: false });
  } catch (error) {
    refused(fileName, error);
  }
}

/** Imports the previewed bundle (main checks every byte again first); `trustSigner` pins a new signer. */
export async function importBundle(trustSigner: boolean): Promise<void> {
  const incoming = bundleStore.getState().incoming;
  if (incoming.state !== 'previewed') return;
  bundleImportChanged({ ...incoming, isImporting: true });
  try {
    const result = await invoke('bundle.import', { uploadId: incoming.uploadId, trustSigner });
    bundleImportChanged({ state: 'imported', fileName: incoming.fileName, result });
    await Promise.all([loadFirmwareLibrary(), loadTemplates()]);
  } catch (error) {
    refused(incoming.fileName, error);
  }
}

export function bundleImportCleared(): void {
  bundleImportChanged({ state: 'idle' });
}
