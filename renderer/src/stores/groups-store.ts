import { createStore, useStore } from 'zustand';
import type { Group } from '../../../shared/domain/group';
import { memoizeLast } from './memo';

export interface GroupsState {
  byId: Record<string, Group>;
}

export const groupsStore = createStore<GroupsState>()(() => ({ byId: {} }));

/** `groups.list` and `groups.changed` (which carries the whole list). */
export function groupsLoaded(groups: readonly Group[]): void {
  groupsStore.setState({ byId: Object.fromEntries(groups.map((g) => [g.id, g])) });
}

/** The result of a create or update, before the `groups.changed` event arrives. */
export function groupSaved(group: Group): void {
  groupsStore.setState({ byId: { ...groupsStore.getState().byId, [group.id]: group } });
}

export function groupRemoved(groupId: string): void {
  const byId = { ...groupsStore.getState().byId };
  delete byId[groupId];
  groupsStore.setState({ byId });
}

const sortedGroups = memoizeLast((byId: Record<string, Group>) =>
  Object.values(byId).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
);

/** Groups by name. */
export function useGroups(): Group[] {
  return sortedGroups(useStore(groupsStore, (s) => s.byId));
}

export function useGroup(groupId: string | null): Group | undefined {
  return useStore(groupsStore, (s) => (groupId ? s.byId[groupId] : undefined));
}
