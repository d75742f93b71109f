import { currentVisibleIds } from '../../selectors/visible-devices';
import {
  checkboxClicked,
  rowClicked,
  selectionStore,
  type ClickModifiers,
} from '../../stores/selection-store';
import { openDevice } from '../device-detail/device-actions';

/** A row's checkbox: toggle, or with shift add the range from the anchor (in the order shown). */
export function rowCheckboxClicked(deviceId: string, shift: boolean): void {
  checkboxClicked(deviceId, shift, currentVisibleIds());
}

/** A click elsewhere on a row: select it alone, ctrl/cmd-toggle it, or shift-select the range. */
export function deviceRowClicked(deviceId: string, mods: ClickModifiers): void {
  rowClicked(deviceId, mods, currentVisibleIds());
}

/** Enter on the grid: opens the active row's device. */
export function focusedDeviceOpened(): void {
  const id = selectionStore.getState().focusedId;
  if (id !== null) void openDevice(id);
}
