import { Fragment, useState } from 'react';
import type { FirmwareImage } from '../../../../shared/domain/firmware';
import { ConfirmAction } from '../../components/confirm-action';
import { formatDateTime } from '../../components/time-ago';
import { useFirmware, useFirmwareImages } from '../../stores/firmware-store';
import { formatBytes } from './format-bytes';
import { removeFirmwareImage } from './firmware-intents';
import { formatWords, kindWords, sourceWords, targetWords } from './firmware-words';
import { ImageEditForm } from './image-edit-form';

const COLUMNS = 8;

function CopyHash({ sha256 }: { sha256: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(sha256).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <>
      <span className="mono" title={sha256}>
        {sha256.slice(0, 12)}…
      </span>{' '}
      <button
        type="button"
        className="link"
        aria-label={`Copy SHA-256 ${sha256.slice(0, 12)}`}
        onClick={() => void copy()}
      >
        {copied ? 'copied' : 'copy'}
      </button>
    </>
  );
}

/** Labels that say more than the chip or app already shown (a Shelly SKU, a module name). */
function extraLabels(image: FirmwareImage): string[] {
  const shown = [image.chip, image.app].flatMap((t) => (t ? [t.toLowerCase()] : []));
  return image.models.filter((m) => !shown.includes(m.toLowerCase()));
}

/**
 * Every image in the library: what it is for (chip or Shelly app, read from the file), whether it may go over
 * the air, its version and where it came from, how the file was read, its hash; edit and remove.
 */
export function LibraryTable() {
  const images = useFirmwareImages();
  const isLoaded = useFirmware((s) => s.isLoaded);
  const [editing, setEditing] = useState<string | null>(null);
  if (isLoaded && images.length === 0)
    return <p className="empty">The library is empty. Import an image above.</p>;
  return (
    <table className="grid" aria-label="Firmware library">
      <thead>
        <tr>
          <th>File</th>
          <th>For</th>
          <th>Kind</th>
          <th>Version</th>
          <th>Size</th>
          <th>SHA-256</th>
          <th>Notes</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {images.map((image: FirmwareImage) => (
          <Fragment key={image.sha256}>
            <tr data-sha256={image.sha256} data-present={image.present}>
              <td>
                {image.fileName}
                <br />
                <span className="muted">imported {formatDateTime(image.importedAt)}</span>
                {!image.present && <span className="error-text"> · file missing, import it again</span>}
              </td>
              <td>
                {targetWords(image)}
                {extraLabels(image).length > 0 && (
                  <span className="muted"> · labels: {extraLabels(image).join(', ')}</span>
                )}
              </td>
              <td data-kind={image.kind}>
                {image.kind === 'factory' ? <strong>{kindWords(image.kind)}</strong> : kindWords(image.kind)}
                <br />
                <span className="muted">{formatWords(image.format)}</span>
              </td>
              <td>
                {image.version} <span className="muted">({sourceWords(image.versionSource)})</span>
              </td>
              <td>{formatBytes(image.size)}</td>
              <td>
                <CopyHash sha256={image.sha256} />
              </td>
              <td>{image.notes}</td>
              <td>
                <span className="row-actions">
                  <button
                    type="button"
                    className="link"
                    aria-label={`Edit ${image.fileName}`}
                    onClick={() => setEditing(image.sha256)}
                  >
                    Edit
                  </button>
                  <ConfirmAction
                    label="Remove"
                    ariaLabel={`Remove ${image.fileName}`}
                    question={`Remove ${image.fileName} (${image.version}) from the library?`}
                    confirmLabel="Remove image"
                    onConfirm={() => void removeFirmwareImage(image.sha256)}
                  />
                </span>
              </td>
            </tr>
            {image.notices.length > 0 && (
              <tr className="notices-row">
                <td colSpan={COLUMNS}>
                  <ul className="notices" aria-label={`Notes on reading ${image.fileName}`}>
                    {image.notices.map((notice) => (
                      <li key={notice}>{notice}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            )}
            {editing === image.sha256 && (
              <tr>
                <td colSpan={COLUMNS}>
                  <ImageEditForm image={image} onDone={() => setEditing(null)} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
