import { draftToFilter, EMPTY_DRAFT, type FilterDraft } from '../../selectors/filter-draft';
import { filterCleared, filterDraftChanged, useInventoryView } from '../../stores/inventory-view-store';
import { FilterFields } from '../filters/filter-fields';
import { filterChangeStarted } from './inventory-perf';

const isEmptyDraft = (draft: FilterDraft) => JSON.stringify(draft) === JSON.stringify(EMPTY_DRAFT);

function changed(patch: Partial<FilterDraft>): void {
  filterChangeStarted();
  filterDraftChanged(patch);
}

/** The inventory's filter: the same DeviceFilter model smart groups save. */
export function FilterBar() {
  const draft = useInventoryView((s) => s.filterDraft);
  const { errors } = draftToFilter(draft);
  return (
    <div className="filter-bar" role="search" aria-label="Device filter">
      <FilterFields draft={draft} errors={errors} onChange={changed} textLabel="Filter devices" />
      <button
        type="button"
        className="link"
        disabled={isEmptyDraft(draft)}
        onClick={() => {
          filterChangeStarted();
          filterCleared();
        }}
      >
        Clear filters
      </button>
    </div>
  );
}
