import type { SyncTargetId, SyncTargetSave } from '../../../../shared/domain/sync';
import { invoke } from '../../api/client';
import {
  syncRunChanged,
  syncStatusReceived,
  syncTargetRemoved,
  syncTargetSaved,
  syncTargetsLoaded,
} from '../../stores/sync-store';
import { viewChosen } from '../../stores/ui-store';
import { reportError } from '../command-errors';

/** Loads the targets (never their secrets) and the delivery status. */
export async function loadSync(): Promise<void> {
  try {
    const [targets, status] = await Promise.all([
      invoke('sync.listTargets', {}),
      invoke('sync.getStatus', {}),
    ]);
    syncTargetsLoaded(targets);
    syncStatusReceived(status);
  } catch (error) {
    reportError(error);
  }
}

export async function showSync(): Promise<void> {
  viewChosen('sync');
  await loadSync();
}

/** Delivers now (back-offs cleared); a failing target shows in the status, not as an error. */
export async function syncNow(): Promise<void> {
  syncRunChanged(true);
  try {
    syncStatusReceived(await invoke('sync.syncNow', {}));
  } catch (error) {
    reportError(error);
  } finally {
    syncRunChanged(false);
  }
}

/**
 * Adds or changes a target. Secrets go to main and are forgotten here at once; main keeps them in its
 * secret store and only ever says that one is stored. Resolves true when saved.
 */
export async function saveSyncTarget(input: SyncTargetSave): Promise<boolean> {
  try {
    syncTargetSaved(await invoke('sync.saveTarget', input));
    syncStatusReceived(await invoke('sync.getStatus', {}));
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

export async function removeSyncTarget(id: string): Promise<void> {
  try {
    await invoke('sync.removeTarget', { id: id as SyncTargetId });
    syncTargetRemoved(id);
    syncStatusReceived(await invoke('sync.getStatus', {}));
  } catch (error) {
    reportError(error);
  }
}
