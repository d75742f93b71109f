import type { AuditVerification } from '../../../../shared/domain/audit';
import { formatDateTime } from '../../components/time-ago';

/** The one action→words table, shared with the handover report's PDF. */
export { actionWords } from '../../../../shared/domain/audit-words';
export { detailWords } from './audit-detail-words';

/** The action filter's choices: every domain, by a prefix main understands. */
export const ACTION_FILTERS: readonly { value: string; label: string }[] = [
  { value: '', label: 'All actions' },
  { value: 'jobs.', label: 'Jobs' },
  { value: 'templates.', label: 'Templates' },
  { value: 'credentials.', label: 'Credentials' },
  { value: 'devices.', label: 'Devices' },
  { value: 'groups.', label: 'Groups' },
  { value: 'discovery.', label: 'Discovery' },
  { value: 'firmware.', label: 'Firmware' },
  { value: 'sync.', label: 'Sync' },
  { value: 'bundle.', label: 'Site bundles' },
  { value: 'broker.', label: 'Built-in broker' },
  { value: 'history.', label: 'History' },
  { value: 'session.', label: 'Operator' },
];

/**
 * The chain's state in one plain sentence, with when it was fully checked (times as everywhere in the app;
 * the zone is in the view's header). When entries were chained on since that walk (a long log is not walked
 * again on every look), it says so rather than dating the newer entries by the old walk.
 */
export function verificationWords(v: AuditVerification): string {
  const entries = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'entry' : 'entries'}`;
  const at = formatDateTime(v.checkedAt);
  if (!v.ok) return `Chain broken at entry ${v.firstBadSeq.toLocaleString('en-US')}: edited or removed`;
  if (v.walked !== undefined && v.walked < v.entries)
    return `Chain intact: ${entries(v.entries)} (fully checked at ${at}, ${entries(v.walked)} then; newer entries chained since)`;
  return `Chain intact: ${entries(v.entries)} (fully checked at ${at})`;
}

/** The time zone every time in the view is in, said once in its header ("Times in Europe/Lisbon"). */
export function timeZoneWords(): string {
  return `Times in ${Intl.DateTimeFormat().resolvedOptions().timeZone}`;
}
