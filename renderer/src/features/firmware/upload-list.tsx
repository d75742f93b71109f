import type { FirmwareImage } from '../../../../shared/domain/firmware';
import { assertNever } from '../../../../shared/util/assert-never';
import { useFirmware, uploadDismissed, type Upload } from '../../stores/firmware-store';
import { formatBytes } from './format-bytes';
import { cancelUpload } from './firmware-upload';
import { kindWords, sourceWords, targetWords } from './firmware-words';
import { UploadMetadataForm } from './upload-metadata-form';

/** What the library read from an imported file, in one line. */
function readSummary(image: FirmwareImage): string {
  return `${targetWords(image)} · ${kindWords(image.kind)} · version ${image.version} (${sourceWords(image.versionSource)})`;
}

function statusText(upload: Upload, existing: FirmwareImage | undefined): string {
  const { status } = upload;
  switch (status.state) {
    case 'uploading':
      return `${formatBytes(status.sent)} of ${formatBytes(upload.size)}`;
    case 'finishing':
      return 'Checking the image…';
    case 'needs-metadata':
      return status.problem;
    case 'done':
      return status.isDuplicate
        ? `Duplicate: the library already has these bytes${existing ? ` as ${existing.fileName}` : ''}. Nothing was added.`
        : `Added to the library${existing ? `: ${readSummary(existing)}` : ''}.`;
    case 'failed':
      return `Refused: ${status.error}`;
    case 'canceled':
      return 'Canceled.';
    default:
      return assertNever(status, 'upload state');
  }
}

/** Imports in progress or just finished, each with its progress bar, cancel, metadata form or outcome. */
export function UploadList() {
  const uploads = useFirmware((s) => s.uploads);
  const bySha = useFirmware((s) => s.bySha);
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-list" aria-label="Imports">
      {uploads.map((upload) => {
        const { status } = upload;
        const isActive = status.state === 'uploading' || status.state === 'finishing';
        const existing = status.state === 'done' ? bySha[status.sha256] : undefined;
        return (
          <li
            key={upload.key}
            data-upload-state={status.state}
            data-duplicate={status.state === 'done' ? status.isDuplicate : undefined}
          >
            <strong>{upload.fileName}</strong> <span className="muted">{formatBytes(upload.size)}</span>{' '}
            <progress
              max={upload.size}
              value={status.sent}
              aria-label={`Upload progress of ${upload.fileName}`}
            />{' '}
            <span data-testid="upload-status">{statusText(upload, existing)}</span>
            <span className="row-actions">
              {(status.state === 'uploading' || status.state === 'needs-metadata') && (
                <button type="button" onClick={() => cancelUpload(upload.key)}>
                  Cancel
                </button>
              )}
              {!isActive && status.state !== 'needs-metadata' && (
                <button type="button" className="link" onClick={() => uploadDismissed(upload.key)}>
                  Dismiss
                </button>
              )}
            </span>
            {status.state === 'done' && !status.isDuplicate && existing && existing.notices.length > 0 && (
              <ul className="notices" aria-label={`Notes on importing ${upload.fileName}`}>
                {existing.notices.map((notice) => (
                  <li key={notice}>{notice}</li>
                ))}
              </ul>
            )}
            {status.state === 'needs-metadata' && <UploadMetadataForm upload={upload} />}
          </li>
        );
      })}
    </ul>
  );
}
