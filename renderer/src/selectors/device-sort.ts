import { deviceLabel, type DeviceSummary } from '../../../shared/domain/device';

export const SORT_COLUMNS = [
  'name',
  'family',
  'model',
  'firmware',
  'address',
  'sources',
  'online',
  'tags',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';
export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

const ZEROS = '000000000000';
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * Lower case with every digit run padded to 12 places, so plain string comparison orders "dev 9" before
 * "dev 10". A hand-written scan: the regex-with-callback version cost ~90 ms for 10,000 names at page load.
 */
export function naturalKey(value: string): string {
  const s = value.toLowerCase();
  let out = '';
  let i = 0;
  while (i < s.length) {
    let j = i;
    if (isDigit(s.charCodeAt(i))) {
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      out += j - i >= ZEROS.length ? s.slice(i, j) : ZEROS.slice(j - i) + s.slice(i, j);
    } else {
      while (j < s.length && !isDigit(s.charCodeAt(j))) j++;
      out += s.slice(i, j);
    }
    i = j;
  }
  return out;
}

// Sorts after every real value: devices without an address or tags go last (ascending).
const LAST = '\uffff';
const MAX_TIME = 9_999_999_999_999;

const primaryKey: Record<SortColumn, (d: DeviceSummary) => string> = {
  name: () => '', // the name key itself, see sortDeviceIds
  family: (d) => d.family,
  model: (d) => naturalKey(d.product ? `${d.model} ${d.product}` : d.model),
  firmware: (d) => naturalKey(d.firmwareSemver ?? d.firmware),
  address: (d) => (d.address ? naturalKey(d.address) : LAST),
  sources: (d) => d.sources.join(','),
  // Online first, then the most recently seen.
  online: (d) => `${d.online ? 0 : 1}${String(MAX_TIME - d.lastSeenAt).padStart(13, '0')}`,
  tags: (d) => (d.tags.length > 0 ? naturalKey(d.tags.join(',')) : LAST),
};

// Keys are remembered per summary object: an event replaces only the summaries that changed, so a re-sort
// after an update recomputes a handful of keys, not 10,000.
const nameKeys = new WeakMap<DeviceSummary, string>();
const nameKeyOf = (d: DeviceSummary): string => {
  let key = nameKeys.get(d);
  if (key === undefined) {
    key = naturalKey(deviceLabel(d));
    nameKeys.set(d, key);
  }
  return key;
};

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every device id in the chosen order, ties broken by name then id. Keys are computed once per device and
 * compared as plain strings (no localeCompare), so 10,000 devices sort in a few milliseconds.
 */
export function sortDeviceIds(byId: ReadonlyMap<string, DeviceSummary>, sort: SortOrder): string[] {
  const devices = [...byId.values()];
  const ids = devices.map((d) => d.id as string);
  const names = devices.map(nameKeyOf);
  const keyOf = primaryKey[sort.column];
  const primary = sort.column === 'name' ? names : devices.map(keyOf);
  const order = ids.map((_, i) => i);
  order.sort(
    (a, b) => compare(primary[a]!, primary[b]!) || compare(names[a]!, names[b]!) || compare(ids[a]!, ids[b]!),
  );
  const sorted = order.map((i) => ids[i]!);
  return sort.direction === 'asc' ? sorted : sorted.reverse();
}
