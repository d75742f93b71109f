import type { GroupCreate, GroupId, GroupUpdate } from '../../../../shared/domain/group';
import { invoke } from '../../api/client';
import { groupRemoved, groupSaved } from '../../stores/groups-store';
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

export async function deleteGroup(groupId: string): Promise<void> {
  try {
    await invoke('groups.delete', { id: groupId as GroupId });
    groupRemoved(groupId);
    if (inventoryViewStore.getState().activeGroupId === groupId) groupChosen(null);
  } catch (error) {
    reportError(error);
  }
}
