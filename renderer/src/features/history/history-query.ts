import type { DeviceId } from '../../../../shared/domain/device';
import type { GroupId } from '../../../../shared/domain/group';
import type { HistoryQueryInput } from '../../../../shared/domain/history';
import type { HistoryFilters } from '../../stores/history-store';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a yyyy-mm-dd day (what `<input type="date">` gives), or null when empty or not a day. */
export function dayStart(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(at) ? at : null;
}

/** The form's filters as a `history.search` query: `to` covers its whole day. */
export function toQuery(f: HistoryFilters, offset: number, limit: number): HistoryQueryInput {
  const from = dayStart(f.fromDay);
  const toStart = dayStart(f.toDay);
  return {
    text: f.text.trim(),
    ...(f.deviceId ? { deviceId: f.deviceId as DeviceId } : {}),
    ...(f.groupId ? { groupId: f.groupId as GroupId } : {}),
    ...(from !== null ? { from } : {}),
    ...(toStart !== null ? { to: toStart + 86_400_000 - 1 } : {}),
    outcomes: f.outcomes,
    offset,
    limit,
  };
}
