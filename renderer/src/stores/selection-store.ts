import { createStore, useStore } from 'zustand';

export interface SelectionState {
  /** Selected device ids. */
  selection: Record<string, true>;
  /** Where a shift-click or shift-arrow range starts: the last row clicked or toggled. */
  anchorId: string | null;
  /** The grid's active row (keyboard focus, shown with an outline). */
  focusedId: string | null;
}

export const selectionStore = createStore<SelectionState>()(() => ({
  selection: {},
  anchorId: null,
  focusedId: null,
}));

export interface ClickModifiers {
  /** Shift: select the range from the anchor. */
  shift: boolean;
  /** Ctrl or Cmd: toggle one row, or add the range to the selection. */
  toggle: boolean;
}

const asSelection = (ids: Iterable<string>): Record<string, true> => {
  const selection: Record<string, true> = {};
  for (const id of ids) selection[id] = true;
  return selection;
};

/** The ids between `from` and `to` (inclusive) in the shown order; just `to` when `from` is not shown. */
function range(visibleIds: readonly string[], from: string | null, to: string): string[] {
  const end = visibleIds.indexOf(to);
  const start = from === null ? -1 : visibleIds.indexOf(from);
  if (end < 0) return [to];
  if (start < 0) return [to];
  return visibleIds.slice(Math.min(start, end), Math.max(start, end) + 1);
}

export function selectionToggled(id: string): void {
  const selection = { ...selectionStore.getState().selection };
  if (selection[id]) delete selection[id];
  else selection[id] = true;
  selectionStore.setState({ selection, anchorId: id, focusedId: id });
}

export function selectionReplaced(ids: readonly string[]): void {
  selectionStore.setState({ selection: asSelection(ids) });
}

/** A click on a row: select it alone, toggle it (ctrl/cmd), or select the range from the anchor (shift). */
export function rowClicked(id: string, mods: ClickModifiers, visibleIds: readonly string[]): void {
  const { selection, anchorId } = selectionStore.getState();
  if (mods.shift) {
    const ids = range(visibleIds, anchorId, id);
    const next = mods.toggle ? { ...selection, ...asSelection(ids) } : asSelection(ids);
    selectionStore.setState({ selection: next, focusedId: id, anchorId: anchorId ?? id });
  } else if (mods.toggle) {
    selectionToggled(id);
  } else {
    selectionStore.setState({ selection: asSelection([id]), anchorId: id, focusedId: id });
  }
}

/** A click on a row's checkbox: toggle it, or with shift add the range from the anchor. */
export function checkboxClicked(id: string, shift: boolean, visibleIds: readonly string[]): void {
  const { selection, anchorId } = selectionStore.getState();
  if (shift && anchorId !== null) {
    const next = { ...selection, ...asSelection(range(visibleIds, anchorId, id)) };
    selectionStore.setState({ selection: next, focusedId: id });
  } else {
    selectionToggled(id);
  }
}

/** "Select all": selects every shown device, or clears them when all are already selected. */
export function allShownToggled(visibleIds: readonly string[]): void {
  const { selection } = selectionStore.getState();
  const allSelected = visibleIds.length > 0 && visibleIds.every((id) => selection[id]);
  if (allSelected) {
    const next = { ...selection };
    for (const id of visibleIds) delete next[id];
    selectionStore.setState({ selection: next });
  } else {
    selectionStore.setState({ selection: { ...selection, ...asSelection(visibleIds) } });
  }
}

export type FocusMove = { by: number } | { to: 'first' | 'last' };

/**
 * Arrow keys and friends: moves the active row; with `extend` (shift) the selection becomes the range from
 * the anchor. Returns the new row's index in `visibleIds`, or -1 when nothing is shown.
 */
export function focusMoved(move: FocusMove, extend: boolean, visibleIds: readonly string[]): number {
  if (visibleIds.length === 0) return -1;
  const { focusedId, anchorId } = selectionStore.getState();
  const current = focusedId === null ? -1 : visibleIds.indexOf(focusedId);
  let index: number;
  if ('to' in move) index = move.to === 'first' ? 0 : visibleIds.length - 1;
  else if (current < 0) index = move.by > 0 ? 0 : visibleIds.length - 1;
  else index = Math.max(0, Math.min(visibleIds.length - 1, current + move.by));
  const id = visibleIds[index]!;
  if (extend) {
    const from = anchorId ?? focusedId ?? id;
    selectionStore.setState({
      focusedId: id,
      anchorId: from,
      selection: asSelection(range(visibleIds, from, id)),
    });
  } else {
    selectionStore.setState({ focusedId: id });
  }
  return index;
}

/** Space on the active row. */
export function focusedRowToggled(): void {
  const { focusedId } = selectionStore.getState();
  if (focusedId !== null) selectionToggled(focusedId);
}

/** Forgotten devices leave the selection too. */
export function selectionDevicesRemoved(ids: readonly string[]): void {
  const state = selectionStore.getState();
  const selection = { ...state.selection };
  for (const id of ids) delete selection[id];
  const gone = new Set(ids);
  selectionStore.setState({
    selection,
    anchorId: state.anchorId && gone.has(state.anchorId) ? null : state.anchorId,
    focusedId: state.focusedId && gone.has(state.focusedId) ? null : state.focusedId,
  });
}

export function useSelection<T>(selector: (s: SelectionState) => T): T {
  return useStore(selectionStore, selector);
}

export function useSelectedCount(): number {
  return useStore(selectionStore, (s) => Object.keys(s.selection).length);
}

export function selectedIds(): string[] {
  return Object.keys(selectionStore.getState().selection);
}
