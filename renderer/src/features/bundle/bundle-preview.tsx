import { useState } from 'react';
import type { BundleKind, BundlePreview } from '../../../../shared/domain/bundle';
import { formatDateTime } from '../../components/time-ago';
import { importBundle } from './bundle-intents';
import { KIND_WORDS, SIGNER_WORDS, grouped } from './bundle-words';

const KINDS: BundleKind[] = ['image', 'template', 'group', 'device'];

function TallyTable({ preview }: { preview: BundlePreview }) {
  return (
    <table className="bundle-tally" aria-label="What the import does">
      <thead>
        <tr>
          <th scope="col">In the bundle</th>
          <th scope="col">Added</th>
          <th scope="col">Updated</th>
          <th scope="col">Unchanged</th>
        </tr>
      </thead>
      <tbody>
        {KINDS.map((kind) => (
          <tr key={kind} data-bundle-kind={kind}>
            <th scope="row">{KIND_WORDS[kind]}</th>
            <td data-testid={`${kind}-added`}>{preview.tally[kind].added}</td>
            <td data-testid={`${kind}-updated`}>{preview.tally[kind].updated}</td>
            <td data-testid={`${kind}-unchanged`}>{preview.tally[kind].unchanged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ItemList({ preview }: { preview: BundlePreview }) {
  const changing = preview.items.filter((i) => i.change !== 'unchanged');
  if (changing.length === 0) return <p className="hint">Everything in the bundle is already here.</p>;
  return (
    <details className="bundle-items">
      <summary>{changing.length} items added or updated</summary>
      <ul>
        {changing.map((i) => (
          <li key={`${i.kind}:${i.key}`} data-bundle-item={i.change}>
            <strong>{i.change === 'added' ? 'Added' : 'Updated'}</strong> {KIND_WORDS[i.kind].toLowerCase()}:{' '}
            {i.name} <span className="hint">({i.detail})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What the chosen bundle would do here, who signed it, and the Import button. */
export function BundlePreviewView({
  fileName,
  preview,
  isImporting,
}: {
  fileName: string;
  preview: BundlePreview;
  isImporting: boolean;
}) {
  const [isTrusted, setTrusted] = useState(false);
  const needsTrust = preview.signerStatus === 'unknown';
  return (
    <div className="bundle-preview" data-testid="bundle-preview">
      <p role="status">
        <strong>{fileName}</strong> checked: every file matches its SHA-256 and the signature holds. Made{' '}
        {formatDateTime(preview.createdAt)} by {preview.createdBy}.
      </p>
      <dl className="bundle-facts">
        <dt>Manifest SHA-256</dt>
        <dd className="bundle-hash" data-testid="preview-manifest-sha">
          {grouped(preview.manifestSha256)}
        </dd>
        <dt>Signer fingerprint</dt>
        <dd className="bundle-hash" data-testid="preview-signer">
          {preview.signerFingerprint}
        </dd>
        <dt>Signer</dt>
        <dd data-signer-status={preview.signerStatus}>{SIGNER_WORDS[preview.signerStatus]}</dd>
      </dl>
      <TallyTable preview={preview} />
      {preview.conflicts.length > 0 && (
        <ul className="bundle-conflicts" aria-label="Conflicts">
          {preview.conflicts.map((c, i) => (
            <li key={i}>{c.message}</li>
          ))}
        </ul>
      )}
      <ItemList preview={preview} />
      {needsTrust && (
        <label className="bundle-trust">
          <input type="checkbox" checked={isTrusted} onChange={(e) => setTrusted(e.target.checked)} /> I
          compared the fingerprint with the office: trust this key
        </label>
      )}
      <button
        type="button"
        className="primary"
        disabled={isImporting || (needsTrust && !isTrusted)}
        onClick={() => void importBundle(isTrusted)}
      >
        {isImporting ? 'Importing…' : 'Import'}
      </button>
    </div>
  );
}
