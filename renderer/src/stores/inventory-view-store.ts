import { createStore, useStore } from 'zustand';
import { EMPTY_DRAFT, type FilterDraft } from '../selectors/filter-draft';
import type { SortColumn, SortOrder } from '../selectors/device-sort';

export interface InventoryViewState {
  /** What the filter controls hold; the applied DeviceFilter is derived from it. */
  filterDraft: FilterDraft;
  sort: SortOrder;
  /** The group whose members the inventory is narrowed to. */
  activeGroupId: string | null;
}

export const inventoryViewStore = createStore<InventoryViewState>()(() => ({
  filterDraft: EMPTY_DRAFT,
  sort: { column: 'name', direction: 'asc' },
  activeGroupId: null,
}));

export function filterDraftChanged(patch: Partial<FilterDraft>): void {
  inventoryViewStore.setState({ filterDraft: { ...inventoryViewStore.getState().filterDraft, ...patch } });
}

export function filterCleared(): void {
  inventoryViewStore.setState({ filterDraft: EMPTY_DRAFT });
}

/** A click on a column header: sort by it, or flip the direction when it already is the sort column. */
export function sortColumnClicked(column: SortColumn): void {
  const { sort } = inventoryViewStore.getState();
  inventoryViewStore.setState({
    sort:
      sort.column === column
        ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: 'asc' },
  });
}

export function groupChosen(groupId: string | null): void {
  inventoryViewStore.setState({ activeGroupId: groupId });
}

/** The inventory's filter as it is now (the smart-group editor can start from it). */
export function currentFilterDraft(): FilterDraft {
  return inventoryViewStore.getState().filterDraft;
}

export function useInventoryView<T>(selector: (s: InventoryViewState) => T): T {
  return useStore(inventoryViewStore, selector);
}
