import type { Virtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent, MouseEvent, RefObject } from 'react';
import { allShownToggled, focusedRowToggled, focusMoved } from '../../stores/selection-store';
import { openDevice } from '../device-detail/device-actions';
import { ROW_HEIGHT } from './device-row';
import { gridIntent } from './inventory-keys';
import { deviceRowClicked, focusedDeviceOpened } from './inventory-intents';

const rowIdOf = (target: EventTarget) =>
  (target as HTMLElement).closest<HTMLElement>('tr[data-device-id]')?.dataset.deviceId ?? null;
const isControl = (target: EventTarget) =>
  (target as HTMLElement).closest('input, button, select, textarea, a') !== null;

interface GridParts {
  visibleIds: readonly string[];
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  scrollRef: RefObject<HTMLDivElement | null>;
  tableRef: RefObject<HTMLTableElement | null>;
}

/**
 * The grid's event handlers, delegated from the table so rows stay plain: clicks select (shift: range,
 * ctrl/cmd: toggle), a double-click opens the drawer, and the ARIA grid keys move the active row, toggle it
 * (space), open it (enter) or select everything shown (ctrl/cmd+A).
 */
export function gridHandlers({ visibleIds, virtualizer, scrollRef, tableRef }: GridParts) {
  const onClick = (event: MouseEvent) => {
    const id = rowIdOf(event.target);
    if (id === null || isControl(event.target)) return;
    deviceRowClicked(id, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
    tableRef.current?.focus({ preventScroll: true });
  };
  const onDoubleClick = (event: MouseEvent) => {
    const id = rowIdOf(event.target);
    if (id !== null && !isControl(event.target)) void openDevice(id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // Space and Enter on a checkbox or button inside the grid belong to that control.
    const onControl = event.target !== event.currentTarget && isControl(event.target);
    if (onControl && (event.key === ' ' || event.key === 'Enter')) return;
    const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 2);
    const intent = gridIntent(event, pageSize);
    if (intent === null) return;
    event.preventDefault();
    if (intent.kind === 'move') {
      const index = focusMoved(intent.move, intent.extend, visibleIds);
      if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    } else if (intent.kind === 'toggle') {
      focusedRowToggled();
    } else if (intent.kind === 'select-all') {
      allShownToggled(visibleIds);
    } else {
      focusedDeviceOpened();
    }
  };
  return { onClick, onDoubleClick, onKeyDown };
}
