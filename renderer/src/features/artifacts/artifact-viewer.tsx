import { useState } from 'react';
import { formatDateTime } from '../../components/time-ago';
import { useArtifactContent } from '../../stores/artifacts-store';
import { closeArtifact, downloadArtifact } from './artifact-intents';
import { JsonTree } from './json-tree';

const formatSize = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`);

/** One collected snapshot: its metadata, the content as a collapsible tree, and a download. */
export function ArtifactViewer({
  artifactId,
  onClose = closeArtifact,
}: {
  artifactId: string;
  /** What "Close snapshot" does (default: closes the drawer's viewer). */
  onClose?: () => void;
}) {
  const content = useArtifactContent(artifactId);
  // Remounting the tree with another depth is how "expand all" / "collapse all" reset every branch.
  const [openDepth, setOpenDepth] = useState(2);
  return (
    <section className="artifact-viewer" aria-label="Snapshot" data-artifact-id={artifactId}>
      <header className="artifact-header">
        <h4>Snapshot</h4>
        <button
          type="button"
          onClick={() => void downloadArtifact(artifactId)}
          disabled={content?.state !== 'loaded'}
        >
          Download JSON
        </button>
        <button type="button" className="link" onClick={onClose}>
          Close snapshot
        </button>
      </header>
      {(content === undefined || content.state === 'loading') && <p className="empty">Loading…</p>}
      {content?.state === 'failed' && (
        <p className="error-text">Could not load the snapshot: {content.error}</p>
      )}
      {content?.state === 'loaded' && (
        <>
          <p className="muted" data-testid="artifact-meta">
            {content.meta.kind} · {formatDateTime(content.meta.createdAt)} · {formatSize(content.meta.size)} ·
            sha256 <span className="mono">{content.meta.sha256.slice(0, 12)}</span>
          </p>
          <div className="form-buttons">
            <button type="button" className="link" onClick={() => setOpenDepth(99)}>
              Expand all
            </button>
            <button type="button" className="link" onClick={() => setOpenDepth(1)}>
              Collapse all
            </button>
          </div>
          <JsonTree key={openDepth} value={content.content} openDepth={openDepth} />
        </>
      )}
    </section>
  );
}
