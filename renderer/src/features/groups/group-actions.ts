import type { GroupCreate, GroupId, GroupUpdate } from '../../../../shared/domain/group';
import { invoke } from '../../api/client';
import type { UndoId } from '../../../../shared/domain/undo';
import { groupRemoved, groupSaved, groupsStore } from '../../stores/groups-store';
import { undoOffered } from '../../stores/undo-store';
import { groupChosen, inventoryViewStore } from '../../stores/inventory-view-store';
import { reportError } from '../command-errors';

/** Creates a static or smart group; resolves true when main saved it. */
export async function createGroup(input: GroupCreate): Promise<boolean> {
  try {
    groupSaved(await invoke('groups.create', input));
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

export async function updateGroup(input: GroupUpdate): Promise<boolean> {
  try {
    groupSaved(await invoke('groups.update', input));
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}

/** Deletes a group (its devices stay) and offers to undo it for a while. */
export async function deleteGroup(groupId: string): Promise<void> {
  const name = groupsStore.getState().byId[groupId]?.name ?? 'the group';
  try {
    const { undoId } = await invoke('groups.delete', { id: groupId as GroupId });
    groupRemoved(groupId);
    if (inventoryViewStore.getState().activeGroupId === groupId) groupChosen(null);
    if (undoId) undoOffered({ message: `Removed group “${name}”`, undo: () => restoreGroup(undoId) });
  } catch (error) {
    reportError(error);
  }
}

async function restoreGroup(undoId: UndoId): Promise<void> {
  try {
    groupSaved(await invoke('groups.restore', { undoId }));
  } catch (error) {
    reportError(error);
  }
}
