import { cleanup } from '@testing-library/react';
import { setTransport } from '../api/client';
import { jobBuilderStore } from '../features/job-builder/job-builder-store';
import { retryStore } from '../features/job-runs/retry-store';
import { actionRunsStore } from '../stores/action-runs-store';
import { artifactsStore } from '../stores/artifacts-store';
import { credentialsStore } from '../stores/credentials-store';
import { devicesStore } from '../stores/devices-store';
import { discoveryStore } from '../stores/discovery-store';
import { firmwareStore } from '../stores/firmware-store';
import { groupsStore } from '../stores/groups-store';
import { inventoryViewStore } from '../stores/inventory-view-store';
import { jobsStore } from '../stores/jobs-store';
import { selectionStore } from '../stores/selection-store';
import { uiStore } from '../stores/ui-store';
import { undoStore } from '../stores/undo-store';

/** After each test: unmount, drop the fake transport, put every store back to its initial state. */
export function resetAll(): void {
  cleanup();
  setTransport(null);
  for (const store of [
    actionRunsStore,
    artifactsStore,
    credentialsStore,
    devicesStore,
    discoveryStore,
    firmwareStore,
    groupsStore,
    inventoryViewStore,
    jobBuilderStore,
    jobsStore,
    selectionStore,
    uiStore,
    undoStore,
    retryStore,
  ] as const) {
    (store as { setState(s: unknown, replace: true): void }).setState(store.getInitialState(), true);
  }
  performance.clearMarks();
  performance.clearMeasures();
}
