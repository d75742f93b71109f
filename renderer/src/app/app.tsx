import { DevicesPanel } from '../features/devices/devices-panel';
import { JobsPanel } from '../features/job-runs/jobs-panel';
import { noticeShown, useUi } from '../stores/ui-store';

function DiscoveryIndicator() {
  const discovery = useUi((s) => s.discovery);
  return (
    <span className="discovery" data-testid="discovery-status">
      {(discovery?.sources ?? []).map((s) => (
        <span key={s.kind} data-source={s.kind} data-source-state={s.state} title={s.lastError ?? undefined}>
          {s.kind}: {s.state} ({s.deviceCount})
        </span>
      ))}
    </span>
  );
}

/** `data-app-state` tells tests and the user when the app is connected and loaded. */
export function App() {
  const appState = useUi((s) => s.appState);
  const info = useUi((s) => s.info);
  const notice = useUi((s) => s.notice);
  return (
    <div className="app" data-app-state={appState}>
      <header className="app-header">
        <h1>Fieldbatch</h1>
        <DiscoveryIndicator />
        <span className="host">{info ? `v${info.version} · ${info.host}` : appState}</span>
      </header>
      {notice && (
        <div role="alert" className="notice">
          {notice}{' '}
          <button type="button" className="link" onClick={() => noticeShown(null)}>
            Dismiss
          </button>
        </div>
      )}
      <main className="layout">
        <DevicesPanel />
        <JobsPanel />
      </main>
    </div>
  );
}
