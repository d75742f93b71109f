import type { AuditEntry } from '../../../../shared/domain/audit';

// Kept in the entry for the record (and the sync consumer), never worth a technician's reading: upload
// handles, the field list and the raw result. A refusal's error is said first, on its own.
const HIDDEN = new Set(['fields', 'result', 'error', 'uploadId', 'duplicate']);

/** An app-internal id (`upl_…`, `job_…`, `syn_…`): meaningless on screen, so never shown. */
const INTERNAL_ID = /^[a-z]{3,4}_[0-9a-z]{8,}$/;

const orNoLimit = (unit: string) => (v: unknown) => (v === null ? 'no limit' : `${String(v)} ${unit}`);
const yesNo = (v: unknown) => (v ? 'yes' : 'no');

/** Each known detail: its name in words and how its value reads (with its unit). */
const NAMED: Readonly<Record<string, { name: string; value?: (v: unknown) => string }>> = {
  confirmDevices: { name: 'devices confirmed' },
  deviceIds: { name: 'devices' },
  groupIds: { name: 'groups' },
  ids: { name: 'devices' },
  customName: { name: 'name' },
  neverTouch: { name: 'never touch', value: yesNo },
  resumeAfterCrash: {
    name: 'after a crash',
    value: (v) => (v === 'auto' ? 'resume by itself' : 'ask first'),
  },
  siteDefault: { name: 'site default', value: yesNo },
  keepDays: { name: 'keep history', value: orNoLimit('days') },
  maxArtifactMb: { name: 'files kept up to', value: orNoLimit('MB') },
  bandwidthKiBps: { name: 'bandwidth', value: orNoLimit('KiB/s') },
  maxConcurrent: { name: 'devices at once' },
  interfaceAddress: { name: 'on' },
  interface: { name: 'interface', value: (v) => (v === null ? 'any' : String(v)) },
  port: { name: 'port', value: (v) => (v === null ? 'automatic' : String(v)) },
  mdnsEnabled: { name: 'browse mDNS', value: yesNo },
  mdnsInterface: { name: 'mDNS interface', value: (v) => (v === null ? 'all' : String(v)) },
  serialAutoProbe: { name: 'probe serial ports by themselves', value: yesNo },
  fullTopicPatterns: { name: 'FullTopic patterns' },
  trustSigner: { name: 'signer trusted', value: yesNo },
  signer: { name: 'signer', value: (v) => `${String(v).split(' ').slice(0, 4).join(' ')} …` },
  tally: { name: 'imported', value: tallyWords },
};

/** `maxArtifactMb` → "max artifact mb": a detail not named above still reads as words, not as code. */
const spaced = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** An entry's details in one line: values by name and unit, id lists as their count and first few. */
export function detailWords(entry: AuditEntry): string {
  const parts = Object.entries(entry.details)
    // A setting set to null means something ("no limit"), so a named value reader keeps it.
    .filter(([key, value]) => !HIDDEN.has(key) && value !== entry.target)
    .filter(([key, value]) => !isEmpty(value) || (value === null && NAMED[key]?.value !== undefined))
    .filter(([, value]) => !(typeof value === 'string' && INTERNAL_ID.test(value)))
    .map(([key, value]) => {
      const named = NAMED[key];
      return `${named?.name ?? spaced(key)}: ${(named?.value ?? valueWords)(value)}`;
    });
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
      // Group and job ids say nothing on screen: their count does (device ids are MACs, worth showing).
      if (list.first.some((id) => INTERNAL_ID.test(String(id)))) return String(list.count);
      const more = list.count > list.first.length ? ', …' : '';
      return `${list.count} (${list.first.join(', ')}${more})`;
    }
    return Object.entries(value)
      .map(([k, v]) => `${spaced(k)} ${valueWords(v)}`)
      .join(', ');
  }
  return String(value);
}

const PLURAL: Readonly<Record<string, string>> = {
  image: 'images',
  template: 'templates',
  group: 'groups',
  device: 'devices',
};
const counted = (n: number, kind: string) => `${n} ${n === 1 ? kind : (PLURAL[kind] ?? `${kind}s`)}`;

/**
 * A site bundle's tally (`{ image: { added, updated, unchanged }, … }`) in one short phrase:
 * "1 image, 1 template added · 9 images unchanged"; kinds with nothing are left out.
 */
export function tallyWords(tally: unknown): string {
  if (tally === null || typeof tally !== 'object') return String(tally);
  const rows = Object.entries(tally as Record<string, Record<string, number>>);
  const phrases = ['added', 'updated', 'unchanged'].flatMap((what) => {
    const kinds = rows.filter(([, t]) => (t?.[what] ?? 0) > 0).map(([kind, t]) => counted(t[what]!, kind));
    return kinds.length > 0 ? [`${kinds.join(', ')} ${what}`] : [];
  });
  return phrases.length > 0 ? phrases.join(' · ') : 'nothing';
}
