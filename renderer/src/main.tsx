import './app/zod-csp';
import './app/zod-words';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startApp } from './app/start-app';
import { startTheme } from './app/theme';
import './app/theme.css';
import './styles.css';
import './features/devices/inventory.css';
import './features/device-detail/drawer.css';
import './features/groups/groups.css';
import './features/discovery/discovery.css';
import './features/device-actions/device-actions.css';
import './features/job-builder/job-builder.css';
import './features/job-runs/job-runs.css';
import './features/history/history.css';
import './features/audit/audit.css';
import './features/reports/reports.css';
import './features/sync/sync.css';
import './components/undo-toast.css';

// The connection first: the device list is the longest wait, so its request should not queue behind the first
// render of an empty shell.
startTheme();
void startApp();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
