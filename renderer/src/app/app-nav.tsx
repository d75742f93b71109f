import { showCredentials } from '../features/credentials/credential-intents';
import { showDiscovery } from '../features/discovery/discovery-actions';
import { showFirmware } from '../features/firmware/firmware-intents';
import { useUi, viewChosen, type AppView } from '../stores/ui-store';

const VIEWS: { view: AppView; label: string; open: () => void }[] = [
  { view: 'inventory', label: 'Inventory', open: () => viewChosen('inventory') },
  { view: 'discovery', label: 'Discovery', open: () => void showDiscovery() },
  { view: 'firmware', label: 'Firmware', open: () => void showFirmware() },
  { view: 'credentials', label: 'Credentials', open: () => void showCredentials() },
];

export function AppNav() {
  const current = useUi((s) => s.view);
  return (
    <nav className="app-nav" aria-label="Views">
      {VIEWS.map(({ view, label, open }) => (
        <button key={view} type="button" aria-current={current === view ? 'page' : undefined} onClick={open}>
          {label}
        </button>
      ))}
    </nav>
  );
}
