import { useSync } from '../../stores/sync-store';
import { showSync } from './sync-intents';
import { totalWords } from './sync-words';

/** Header: results not yet synced (and whether there is a target at all), a click away from the Sync view; nothing until the status is known. */
export function SyncIndicator() {
  const status = useSync((s) => s.status);
  if (status === null) return null;
  return (
    <button
      type="button"
      className="link sync-indicator"
      data-testid="sync-indicator"
      data-pending={status.totalPending}
      title="Open the Sync view"
      onClick={() => void showSync()}
    >
      {totalWords(status)}
    </button>
  );
}
