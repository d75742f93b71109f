import { showCredentials } from '../features/credentials/credential-intents';
import { showDiscovery } from '../features/discovery/discovery-actions';
import { showFirmware } from '../features/firmware/firmware-intents';
import { showJobs } from '../features/job-runs/job-actions';
import { showTemplates } from '../features/templates/template-intents';
import { showSync } from '../features/sync/sync-intents';
import { showBundle } from '../features/bundle/bundle-intents';
import { showHistory } from '../features/history/history-intents';
import { showAudit } from '../features/audit/audit-intents';
import { useUi, viewChosen, type AppView } from '../stores/ui-store';

const VIEWS: { view: AppView; label: string; open: () => void }[] = [
  { view: 'inventory', label: 'Inventory', open: () => viewChosen('inventory') },
  { view: 'jobs', label: 'Jobs', open: () => void showJobs() },
  { view: 'history', label: 'History', open: () => void showHistory() },
  { view: 'discovery', label: 'Discovery', open: () => void showDiscovery() },
  { view: 'firmware', label: 'Firmware', open: () => void showFirmware() },
  { view: 'credentials', label: 'Credentials', open: () => void showCredentials() },
  { view: 'templates', label: 'Templates', open: () => void showTemplates() },
  { view: 'sync', label: 'Sync', open: () => void showSync() },
  { view: 'bundle', label: 'Site bundle', open: showBundle },
  { view: 'audit', label: 'Audit log', open: () => void showAudit() },
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
