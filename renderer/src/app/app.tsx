import { assertNever } from '../../../shared/util/assert-never';
import { CredentialsPanel } from '../features/credentials/credentials-panel';
import { FirmwarePanel } from '../features/firmware/firmware-panel';
import { DeviceDrawer } from '../features/device-detail/device-drawer';
import { DevicesPanel } from '../features/devices/devices-panel';
import { DiscoveryPanel } from '../features/discovery/discovery-panel';
import { GroupsSidebar } from '../features/groups/groups-sidebar';
import { JobsPanel } from '../features/job-runs/jobs-panel';
import { JobsView } from '../features/job-runs/jobs-view';
import { TemplatesPanel } from '../features/templates/templates-panel';
import { SyncPanel } from '../features/sync/sync-panel';
import { BundlePanel } from '../features/bundle/bundle-panel';
import { HistoryView } from '../features/history/history-view';
import { SyncIndicator } from '../features/sync/sync-indicator';
import { UndoToast } from '../components/undo-toast';
import { AuditView } from '../features/audit/audit-view';
import { AuditAlteredBadge } from '../features/audit/audit-altered-badge';
import { OperatorBadge } from '../features/audit/operator-badge';
import { OperatorDialog } from '../features/audit/operator-dialog';
import { noticeShown, useUi, type AppView } from '../stores/ui-store';
import { AppNav } from './app-nav';
import { DiscoveryIndicator } from './discovery-indicator';
import { RunningJobIndicator } from './running-job-indicator';
import { ThemeToggle } from './theme-toggle';

function SingleView({ view }: { view: Exclude<AppView, 'inventory'> }) {
  switch (view) {
    case 'discovery':
      return <DiscoveryPanel />;
    case 'credentials':
      return <CredentialsPanel />;
    case 'firmware':
      return <FirmwarePanel />;
    case 'jobs':
      return <JobsView />;
    case 'templates':
      return <TemplatesPanel />;
    case 'sync':
      return <SyncPanel />;
    case 'bundle':
      return <BundlePanel />;
    case 'history':
      return <HistoryView />;
    case 'audit':
      return <AuditView />;
    default:
      return assertNever(view, 'view');
  }
}

/** `data-app-state` tells tests and the user when the app is connected and loaded. */
export function App() {
  const appState = useUi((s) => s.appState);
  const info = useUi((s) => s.info);
  const notice = useUi((s) => s.notice);
  const view = useUi((s) => s.view);
  return (
    <div className="app" data-app-state={appState}>
      <header className="app-header">
        <h1>Fieldbatch</h1>
        <AppNav />
        <RunningJobIndicator />
        <DiscoveryIndicator />
        <SyncIndicator />
        <OperatorBadge />
        <AuditAlteredBadge />
        <span className="host">
          {info ? (
            <>
              <span className="host-version">v{info.version} · </span>
              {info.host}
            </>
          ) : (
            appState
          )}
        </span>
        <ThemeToggle />
      </header>
      {notice && (
        <div role="alert" className="notice">
          {notice}{' '}
          <button type="button" className="link" onClick={() => noticeShown(null)}>
            Dismiss
          </button>
        </div>
      )}
      {view === 'inventory' ? (
        <main className="layout">
          <GroupsSidebar />
          <div className="main-column">
            <DevicesPanel />
            <JobsPanel />
          </div>
        </main>
      ) : (
        <main className="layout layout-single">
          <SingleView view={view} />
        </main>
      )}
      <DeviceDrawer />
      <UndoToast />
      <OperatorDialog />
    </div>
  );
}
