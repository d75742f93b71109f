import type { BundleInclude } from '../../../../shared/domain/bundle';
import { assertNever } from '../../../../shared/util/assert-never';
import { bundleIncludeChanged, useBundle } from '../../stores/bundle-store';
import { formatBytes } from '../firmware/format-bytes';
import { exportBundle } from './bundle-intents';
import { countOf, grouped } from './bundle-words';

const CHOICES: { key: keyof BundleInclude; label: string }[] = [
  { key: 'images', label: 'Firmware images' },
  { key: 'templates', label: 'Templates' },
  { key: 'groups', label: 'Groups (fixed and smart)' },
  { key: 'devices', label: 'Device list (no passwords)' },
];

function ExportReport() {
  const exported = useBundle((s) => s.exported);
  switch (exported.state) {
    case 'idle':
      return null;
    case 'exporting':
      return (
        <p role="status">
          Writing the bundle…{' '}
          {exported.size ? `${formatBytes(exported.sent)} of ${formatBytes(exported.size)}` : ''}
        </p>
      );
    case 'failed':
      return (
        <p role="alert" className="error-text">
          The bundle was not written: {exported.message}
        </p>
      );
    case 'done': {
      const { result } = exported;
      const { counts } = result;
      return (
        <div role="status" className="bundle-facts-box" data-testid="bundle-export-report">
          <p>
            Saved <strong>{result.fileName}</strong> ({formatBytes(result.size)}):{' '}
            {countOf(counts.images, 'image')}, {countOf(counts.templates, 'template')},{' '}
            {countOf(counts.groups, 'group')}, {countOf(counts.devices, 'device')}.
          </p>
          <dl className="bundle-facts">
            <dt>Manifest SHA-256</dt>
            <dd className="bundle-hash" data-testid="export-manifest-sha">
              {grouped(result.manifestSha256)}
            </dd>
            <dt>Signed by this computer</dt>
            <dd className="bundle-hash">{result.signerFingerprint}</dd>
          </dl>
          <p className="hint">Give both to the technician with the file: the import shows the same.</p>
        </div>
      );
    }
    default:
      return assertNever(exported, 'export state');
  }
}

/** At the office: one signed file with what a site visit needs. */
export function BundleExport() {
  const include = useBundle((s) => s.include);
  const exported = useBundle((s) => s.exported);
  const nothing = !Object.values(include).some(Boolean);
  return (
    <section className="bundle-section" aria-labelledby="bundle-export-title">
      <h3 id="bundle-export-title">Export for a site visit</h3>
      <p className="hint">
        One file for a computer without network: everything chosen below, each file with its SHA-256 in a
        signed manifest. Passwords and credentials are never in it.
      </p>
      <fieldset className="bundle-choices">
        <legend>Include</legend>
        {CHOICES.map(({ key, label }) => (
          <label key={key}>
            <input
              type="checkbox"
              checked={include[key]}
              onChange={(e) => bundleIncludeChanged({ [key]: e.target.checked })}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className="primary"
        disabled={nothing || exported.state === 'exporting'}
        onClick={() => void exportBundle()}
      >
        Export bundle
      </button>
      <ExportReport />
    </section>
  );
}
