import { formatDateTime } from '../../components/time-ago';
import { useDeviceArtifacts, useOpenArtifactId } from '../../stores/artifacts-store';
import { ArtifactViewer } from './artifact-viewer';
import { downloadArtifact, openArtifact } from './artifact-intents';

/** Snapshots collected from this device, newest first, and the one being viewed (closed when the drawer changes). */
export function SnapshotsSection({ deviceId }: { deviceId: string }) {
  const artifacts = useDeviceArtifacts(deviceId);
  const openId = useOpenArtifactId();
  return (
    <section aria-labelledby="drawer-snapshots">
      <h3 id="drawer-snapshots">Snapshots</h3>
      {artifacts === undefined ? (
        <p className="empty">Loading…</p>
      ) : artifacts.length === 0 ? (
        <p className="empty">None collected yet.</p>
      ) : (
        <ul className="snapshot-list" aria-label="Snapshots">
          {artifacts.map((a) => (
            <li key={a.id} data-artifact-id={a.id}>
              {formatDateTime(a.createdAt)} <span className="muted">{a.kind}</span>
              <span className="row-actions">
                <button type="button" className="link" onClick={() => void openArtifact(a.id)}>
                  View
                </button>
                <button type="button" className="link" onClick={() => void downloadArtifact(a.id)}>
                  Download
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {openId !== null && <ArtifactViewer artifactId={openId} />}
    </section>
  );
}
