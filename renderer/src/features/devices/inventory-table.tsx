import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef } from 'react';
import { useVisibleIds } from '../../selectors/visible-devices';
import { useDevicesLoaded } from '../../stores/devices-store';
import { useSelection } from '../../stores/selection-store';
import { DeviceRow, ROW_HEIGHT, rowDomId } from './device-row';
import { COLUMN_COUNT, InventoryColumns, InventoryHeader } from './inventory-header';
import { gridHandlers } from './grid-handlers';
import { filterChangeCommitted, inventoryRendered } from './inventory-perf';
import { observeRectLazily } from './observe-rect';

/** Height of the sticky header row; rows are positioned below it. */
const HEADER_HEIGHT = 34;
const OVERSCAN = 8;
/** Until the container is measured: about the height it gets on a laptop screen. */
const INITIAL_RECT = { width: 1200, height: 600 };

function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="spacer">
      <td colSpan={COLUMN_COUNT} style={{ height }} />
    </tr>
  );
}

/**
 * The inventory as an ARIA grid. Only the rows in view (plus a few) are in the DOM: @tanstack/react-virtual
 * computes the window and two spacer rows stand in for the rest, so the table keeps native column layout.
 * Focus stays on the table; the active row is `aria-activedescendant`, moved with the arrow keys.
 */
export function InventoryTable() {
  const visibleIds = useVisibleIds();
  const isLoaded = useDevicesLoaded();
  const focusedId = useSelection((s) => s.focusedId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const getItemKey = useCallback((index: number) => visibleIds[index] ?? index, [visibleIds]);
  // No React Compiler in this build, and the virtualizer instance never leaves this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visibleIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: OVERSCAN,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: INITIAL_RECT,
    observeElementRect: observeRectLazily,
  });

  useLayoutEffect(() => {
    if (isLoaded) inventoryRendered();
  }, [isLoaded]);
  useLayoutEffect(() => filterChangeCommitted(), [visibleIds]);

  const items = virtualizer.getVirtualItems();
  const top = items.length > 0 ? items[0]!.start - HEADER_HEIGHT : 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  const { onClick, onDoubleClick, onKeyDown } = gridHandlers({
    visibleIds,
    virtualizer,
    scrollRef,
    tableRef,
  });

  const activeRow = focusedId !== null && visibleIds.includes(focusedId) ? rowDomId(focusedId) : undefined;
  return (
    <div className="inventory-scroll" ref={scrollRef} data-testid="inventory-scroll">
      <table
        ref={tableRef}
        className="grid inventory-grid"
        role="grid"
        aria-label="Devices"
        aria-rowcount={visibleIds.length + 1}
        aria-colcount={COLUMN_COUNT}
        aria-multiselectable="true"
        aria-activedescendant={activeRow}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <InventoryColumns />
        <InventoryHeader visibleIds={visibleIds} />
        <tbody onClick={onClick} onDoubleClick={onDoubleClick}>
          <Spacer height={top} />
          {items.map((item) => (
            <DeviceRow key={item.key} id={visibleIds[item.index]!} rowIndex={item.index + 2} />
          ))}
          <Spacer height={bottom} />
        </tbody>
      </table>
    </div>
  );
}
