/**
 * User Timing entries the `inventory-ui` benchmark reads (names are part of that contract):
 * - mark `fieldbatch:inventory-first-render`: the table's first commit with the loaded device list;
 * - measure `fieldbatch:filter`: from a filter control's change event to the commit of the re-rendered table.
 */
export const FIRST_RENDER_MARK = 'fieldbatch:inventory-first-render';
export const FILTER_MEASURE = 'fieldbatch:filter';
const FILTER_CHANGED_MARK = 'fieldbatch:filter-changed';

/** Called in a filter control's change handler, before the store changes. */
export function filterChangeStarted(): void {
  performance.clearMarks(FILTER_CHANGED_MARK);
  performance.mark(FILTER_CHANGED_MARK);
}

/** Called in the table's layout effect: closes the measure if a filter change is pending. */
export function filterChangeCommitted(): void {
  if (performance.getEntriesByName(FILTER_CHANGED_MARK, 'mark').length === 0) return;
  performance.measure(FILTER_MEASURE, FILTER_CHANGED_MARK);
  performance.clearMarks(FILTER_CHANGED_MARK);
}

/** Marks the first render with data, once per page load. */
export function inventoryRendered(): void {
  if (performance.getEntriesByName(FIRST_RENDER_MARK, 'mark').length === 0)
    performance.mark(FIRST_RENDER_MARK);
}
