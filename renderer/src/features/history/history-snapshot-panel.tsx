import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useHistory } from '../../stores/history-store';
import { ArtifactViewer } from '../artifacts/artifact-viewer';
import { closeHistorySnapshot } from './history-intents';

function close(): void {
  closeHistorySnapshot();
  document.querySelector<HTMLElement>('[data-testid="history-results"]')?.focus();
}

/**
 * History's snapshot viewer as a side panel over the results, where the eye is: it takes the focus when a
 * snapshot opens, and Escape or "Close snapshot" closes it.
 */
export function HistorySnapshotPanel() {
  const snapshotId = useHistory((s) => s.snapshotId);
  const panelRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (snapshotId !== null) panelRef.current?.focus();
  }, [snapshotId]);
  if (snapshotId === null) return null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  return (
    <aside
      ref={panelRef}
      className="drawer history-snapshot"
      role="dialog"
      aria-modal="false"
      aria-label="Snapshot from history"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <ArtifactViewer artifactId={snapshotId} onClose={close} />
    </aside>
  );
}
