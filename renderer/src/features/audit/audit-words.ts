import type { AuditEntry, AuditVerification } from '../../../../shared/domain/audit';

/** The one action→words table, shared with the handover report's PDF. */
export { actionWords } from '../../../../shared/domain/audit-words';

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

const LEFT_OUT = new Set(['fields', 'result', 'error']);

/** Detail names that read better in other words; the rest show as they are. */
const DETAIL_WORDS: Readonly<Record<string, string>> = {
  confirmDevices: 'devices confirmed',
  deviceIds: 'devices',
  groupIds: 'groups',
  ids: 'devices',
  newJobId: 'new job',
  customName: 'name',
  neverTouch: 'never touch',
  resumeAfterCrash: 'after a crash',
  siteDefault: 'site default',
};

/** An entry's details in one line: values by name, id lists as their count and first few, a refusal's reason. */
export function detailWords(entry: AuditEntry): string {
  const parts = Object.entries(entry.details)
    .filter(([key, value]) => !LEFT_OUT.has(key) && !isEmpty(value) && value !== entry.target)
    .map(([key, value]) => `${DETAIL_WORDS[key] ?? key}: ${valueWords(value)}`);
  const fields = entry.details.fields;
  // A secret is never in the entry, only that one was sent.
  if (Array.isArray(fields) && fields.some((f) => /password/i.test(String(f))))
    parts.push('password changed');
  const error = entry.details.error as { message?: string } | undefined;
  if (entry.outcome === 'failed') parts.unshift(`Refused: ${error?.message ?? 'failed'}`);
  return parts.join(' · ');
}

function isEmpty(value: unknown): boolean {
  return value === null || (value as { count?: unknown } | undefined)?.count === 0;
}

function valueWords(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value !== null && typeof value === 'object') {
    const list = value as { count?: number; first?: unknown[] };
    if (typeof list.count === 'number' && Array.isArray(list.first)) {
      const more = list.count > list.first.length ? ', …' : '';
      return `${list.count} (${list.first.join(', ')}${more})`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

/** The chain's state in one plain sentence. */
export function verificationWords(v: AuditVerification): string {
  const count = v.entries.toLocaleString('en-US');
  if (v.ok) return `Chain intact: ${count} ${v.entries === 1 ? 'entry' : 'entries'}`;
  return `Chain broken at entry ${v.firstBadSeq.toLocaleString('en-US')}: edited or removed`;
}

/** Local date and time, to the second (`2026-12-08 14:03:07`). */
export function auditTime(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
