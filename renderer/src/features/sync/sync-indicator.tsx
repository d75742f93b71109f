import { useSync } from '../../stores/sync-store';
import { showSync } from './sync-intents';
import { waitingWords } from './sync-words';

/** Header: results not yet synced, a click away from the Sync view; nothing until the status is known. */
export function SyncIndicator() {
  const pending = useSync((s) => s.status?.totalPending);
  if (pending === undefined) return null;
  return (
    <button
      type="button"
      className="link sync-indicator"
      data-testid="sync-indicator"
      data-pending={pending}
      title="Open the Sync view"
      onClick={() => void showSync()}
    >
      {pending === 0 ? 'All synced' : waitingWords(pending)}
    </button>
  );
}
