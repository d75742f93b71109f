import { cleanup } from '@testing-library/react';
import { setTransport } from '../../renderer/src/api/client';
import { jobBuilderStore } from '../../renderer/src/features/job-builder/job-builder-store';
import { retryStore } from '../../renderer/src/features/job-runs/retry-store';
import { actionRunsStore } from '../../renderer/src/stores/action-runs-store';
import { artifactsStore } from '../../renderer/src/stores/artifacts-store';
import { auditStore } from '../../renderer/src/stores/audit-store';
import { credentialsStore } from '../../renderer/src/stores/credentials-store';
import { devicesStore } from '../../renderer/src/stores/devices-store';
import { discoveryStore } from '../../renderer/src/stores/discovery-store';
import { firmwareStore } from '../../renderer/src/stores/firmware-store';
import { groupsStore } from '../../renderer/src/stores/groups-store';
import { inventoryViewStore } from '../../renderer/src/stores/inventory-view-store';
import { jobsStore } from '../../renderer/src/stores/jobs-store';
import { selectionStore } from '../../renderer/src/stores/selection-store';
import { uiStore } from '../../renderer/src/stores/ui-store';
import { undoStore } from '../../renderer/src/stores/undo-store';

/** After each test: unmount, drop the fake transport, put every store back to its initial state. */
export function resetAll(): void {
  cleanup();
  setTransport(null);
  for (const store of [
    actionRunsStore,
    artifactsStore,
    auditStore,
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
