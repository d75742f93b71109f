import { showDiscovery } from '../features/discovery/discovery-actions';
import { useUi, viewChosen } from '../stores/ui-store';

export function AppNav() {
  const view = useUi((s) => s.view);
  return (
    <nav className="app-nav" aria-label="Views">
      <button
        type="button"
        aria-current={view === 'inventory' ? 'page' : undefined}
        onClick={() => viewChosen('inventory')}
      >
        Inventory
      </button>
      <button
        type="button"
        aria-current={view === 'discovery' ? 'page' : undefined}
        onClick={() => void showDiscovery()}
      >
        Discovery
      </button>
    </nav>
  );
}
