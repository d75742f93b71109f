import {
  MAX_FIRMWARE_BYTES,
  MAX_UPLOAD_CHUNK_BYTES,
  type FinishUpload,
  type FirmwareFamily,
  type UploadId,
} from '../../../../shared/domain/firmware';
import { IpcError } from '../../../../shared/ipc/result';
import { invoke } from '../../api/client';
import { firmwareImageSaved, firmwareStore, uploadAdded, uploadChanged } from '../../stores/firmware-store';
import { errorMessage } from '../command-errors';
import { bytesToBase64 } from '../discovery/base64';

/** What the technician types for a file that does not say everything itself. */
export type UploadMetadata = Omit<FinishUpload, 'uploadId'>;

/**
 * What main read from the file, offered in the form: `read` of a missing-metadata refusal (family and chip),
 * `image` of a metadata-conflict (what the file says, which the form must then agree with).
 */
function readFromFile(details: unknown): UploadMetadata {
  const d = (details ?? {}) as {
    read?: { family?: FirmwareFamily | null; chip?: string | null };
    image?: { family?: FirmwareFamily | null; chip?: string | null; version?: string | null };
  };
  const from = d.read ?? d.image ?? {};
  const version = d.image?.version;
  return {
    ...(from.family ? { family: from.family } : {}),
    ...(from.chip ? { models: [from.chip] } : {}),
    ...(version ? { version } : {}),
  };
}

const isCanceled = (key: string) =>
  firmwareStore.getState().uploads.find((u) => u.key === key)?.status.state === 'canceled';

/** The problem main named for a refused finish (`details.problem`), if any. */
function problemOf(error: unknown): string | null {
  if (!(error instanceof IpcError) || error.code !== 'CONFLICT') return null;
  const details = error.details as { problem?: unknown } | undefined;
  return typeof details?.problem === 'string' ? details.problem : null;
}

/**
 * Adds the uploaded bytes to the library. A file that does not state its version (or typed values that
 * contradict the file) is kept by main: the upload then waits for the technician's answer and `finishUpload`
 * is called again.
 */
export async function finishUpload(key: string, metadata: UploadMetadata = {}): Promise<void> {
  const upload = firmwareStore.getState().uploads.find((u) => u.key === key);
  if (!upload?.uploadId) return;
  const sent = upload.status.sent;
  uploadChanged(key, { status: { state: 'finishing', sent } });
  try {
    const { image, duplicate } = await invoke('firmware.finishUpload', {
      uploadId: upload.uploadId as UploadId,
      ...metadata,
    });
    firmwareImageSaved(image);
    uploadChanged(key, { status: { state: 'done', sent, sha256: image.sha256, isDuplicate: duplicate } });
  } catch (error) {
    const problem = problemOf(error);
    if (problem === 'missing-metadata' || problem === 'metadata-conflict') {
      uploadChanged(key, {
        status: { state: 'needs-metadata', sent, problem: (error as IpcError).message },
        guessed: readFromFile((error as IpcError).details),
      });
    } else {
      uploadChanged(key, { status: { state: 'failed', sent, error: errorMessage(error) } });
    }
  }
}

/**
 * Imports one file: `beginUpload`, then `uploadChunk` for each ≤ 512 KiB slice read with `File.slice()` (the
 * file is never read whole), then `finishUpload`. Cancel between chunks with `cancelUpload`; main drops an
 * unfinished upload on its own after a while.
 */
export async function importFirmwareFile(file: File): Promise<void> {
  const key = crypto.randomUUID();
  uploadAdded({
    key,
    fileName: file.name,
    size: file.size,
    uploadId: null,
    guessed: {},
    status: { state: 'uploading', sent: 0 },
  });
  if (file.size === 0 || file.size > MAX_FIRMWARE_BYTES) {
    const limit = `${MAX_FIRMWARE_BYTES / 1024 / 1024} MiB`;
    const error = file.size === 0 ? 'the file is empty' : `firmware files are limited to ${limit}`;
    uploadChanged(key, { status: { state: 'failed', sent: 0, error } });
    return;
  }
  let sent = 0;
  try {
    const { uploadId } = await invoke('firmware.beginUpload', { fileName: file.name, size: file.size });
    uploadChanged(key, { uploadId });
    while (sent < file.size) {
      if (isCanceled(key)) return;
      const bytes = new Uint8Array(await file.slice(sent, sent + MAX_UPLOAD_CHUNK_BYTES).arrayBuffer());
      const { received } = await invoke('firmware.uploadChunk', {
        uploadId,
        offset: sent,
        dataBase64: bytesToBase64(bytes),
      });
      if (received !== sent + bytes.length) {
        throw new Error(
          `the library has ${received} bytes of ${file.name}, ${sent + bytes.length} were sent`,
        );
      }
      sent = received;
      if (!isCanceled(key)) uploadChanged(key, { status: { state: 'uploading', sent } });
    }
  } catch (error) {
    uploadChanged(key, { status: { state: 'failed', sent, error: errorMessage(error) } });
    return;
  }
  if (!isCanceled(key)) await finishUpload(key);
}

export function cancelUpload(key: string): void {
  const upload = firmwareStore.getState().uploads.find((u) => u.key === key);
  if (upload && (upload.status.state === 'uploading' || upload.status.state === 'needs-metadata')) {
    uploadChanged(key, { status: { state: 'canceled', sent: upload.status.sent } });
  }
}
