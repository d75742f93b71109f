import { isEmptyFilter, type DeviceFilter } from '../../../shared/domain/device-filter';
import type { Group } from '../../../shared/domain/group';
import { devicesStore, useDevicesById, type DeviceMap } from '../stores/devices-store';
import { groupsStore, useGroup } from '../stores/groups-store';
import { inventoryViewStore, useInventoryView } from '../stores/inventory-view-store';
import { memoizeLast } from '../stores/memo';
import { sortDeviceIds, type SortOrder } from './device-sort';
import { draftToFilter, type FilterDraft } from './filter-draft';
import { predicateFor } from './device-predicate';
import { groupPredicate } from './group-members';

const sortedIds = memoizeLast(sortDeviceIds);

const normalisedText = (filter: DeviceFilter) => filter.text?.trim().toLowerCase() ?? '';
const withoutText = (filter: DeviceFilter) => JSON.stringify({ ...filter, text: undefined });

interface Shown {
  byId: DeviceMap;
  sorted: readonly string[];
  filter: DeviceFilter;
  group: Group | undefined;
  ids: readonly string[];
}
let last: Shown | null = null;

/**
 * Narrows the sorted ids to the group and the filter. When only the text grew ("kit" → "kitc"), every match
 * of the new text matched the old one, so the previous result (already in order) is filtered instead of the
 * whole inventory: typing gets cheaper with each key.
 */
function shownIds(
  byId: DeviceMap,
  sorted: readonly string[],
  filter: DeviceFilter,
  group: Group | undefined,
): readonly string[] {
  if (
    last &&
    last.byId === byId &&
    last.sorted === sorted &&
    last.filter === filter &&
    last.group === group
  ) {
    return last.ids;
  }
  let ids: readonly string[];
  if (!group && isEmptyFilter(filter)) {
    ids = sorted;
  } else {
    const previous = last;
    const text = normalisedText(filter);
    const isNarrowing =
      previous !== null &&
      previous.byId === byId &&
      previous.sorted === sorted &&
      previous.group === group &&
      normalisedText(previous.filter) !== '' &&
      text.includes(normalisedText(previous.filter)) &&
      withoutText(previous.filter) === withoutText(filter);
    const candidates = isNarrowing ? previous.ids : sorted;
    const matches = predicateFor(filter);
    const inGroup = group ? groupPredicate(group) : null;
    const shown: string[] = [];
    for (const id of candidates) {
      const device = byId.get(id)!;
      if ((inGroup === null || inGroup(device)) && matches(device)) shown.push(id);
    }
    ids = shown;
  }
  last = { byId, sorted, filter, group, ids };
  return ids;
}

/**
 * The inventory as shown: sorted (only when the devices or the sort change), then narrowed to the active
 * group and the filter (only when one of those changes). Same inputs, same array: every component and action
 * that asks shares one computation.
 */
export function selectVisibleIds(
  byId: DeviceMap,
  sort: SortOrder,
  draft: FilterDraft,
  group: Group | undefined,
): readonly string[] {
  return shownIds(byId, sortedIds(byId, sort), draftToFilter(draft).filter, group);
}

/** For actions outside React (shift ranges, select all, keyboard moves). */
export function currentVisibleIds(): readonly string[] {
  const view = inventoryViewStore.getState();
  const group = view.activeGroupId ? groupsStore.getState().byId[view.activeGroupId] : undefined;
  return selectVisibleIds(devicesStore.getState().byId, view.sort, view.filterDraft, group);
}

export function useVisibleIds(): readonly string[] {
  const byId = useDevicesById();
  const sort = useInventoryView((s) => s.sort);
  const draft = useInventoryView((s) => s.filterDraft);
  const group = useGroup(useInventoryView((s) => s.activeGroupId));
  return selectVisibleIds(byId, sort, draft, group);
}
