import type { SortColumn } from '../../selectors/device-sort';
import { sortColumnClicked, useInventoryView } from '../../stores/inventory-view-store';
import { allShownToggled, useSelection } from '../../stores/selection-store';

const COLUMNS: { column: SortColumn; label: string }[] = [
  { column: 'name', label: 'Name' },
  { column: 'family', label: 'Family' },
  { column: 'model', label: 'Model' },
  { column: 'firmware', label: 'Firmware' },
  { column: 'address', label: 'Address' },
  { column: 'sources', label: 'Sources' },
  { column: 'online', label: 'Online / last seen' },
  { column: 'tags', label: 'Tags' },
];

export const COLUMN_COUNT = COLUMNS.length + 1;

/** Column widths; the table uses a fixed layout so rows scrolled into view never shift the columns. */
export function InventoryColumns() {
  return (
    <colgroup>
      <col className="col-select" />
      {COLUMNS.map(({ column }) => (
        <col key={column} className={`col-${column}`} />
      ))}
    </colgroup>
  );
}

function SelectAllShown({ visibleIds }: { visibleIds: readonly string[] }) {
  const selectedShown = useSelection((s) => {
    let n = 0;
    for (const id of visibleIds) if (s.selection[id]) n++;
    return n;
  });
  const isAll = visibleIds.length > 0 && selectedShown === visibleIds.length;
  return (
    <input
      type="checkbox"
      aria-label="Select all devices"
      title="Select all shown (filtered) devices"
      checked={isAll}
      ref={(el) => {
        if (el) el.indeterminate = selectedShown > 0 && !isAll;
      }}
      onChange={() => allShownToggled(visibleIds)}
    />
  );
}

/** Header row: "select all shown" and click-to-sort columns (aria-sort says which and how). */
export function InventoryHeader({ visibleIds }: { visibleIds: readonly string[] }) {
  const sort = useInventoryView((s) => s.sort);
  return (
    <thead>
      <tr aria-rowindex={1}>
        <th scope="col" className="c-select">
          <SelectAllShown visibleIds={visibleIds} />
        </th>
        {COLUMNS.map(({ column, label }) => {
          const isSorted = sort.column === column;
          const direction = sort.direction === 'asc' ? 'ascending' : 'descending';
          return (
            <th key={column} scope="col" aria-sort={isSorted ? direction : 'none'}>
              <button type="button" className="sort-button" onClick={() => sortColumnClicked(column)}>
                {label}
                <span aria-hidden="true" className="sort-arrow">
                  {isSorted ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
