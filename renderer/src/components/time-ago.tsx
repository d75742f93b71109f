const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** Time of day (lists refresh often; one formatter serves every row). */
export function formatTime(epochMs: number | null): string {
  if (epochMs === null) return '—';
  return TIME.format(epochMs);
}

export function formatDateTime(epochMs: number | null): string {
  if (epochMs === null) return '—';
  return DATE_TIME.format(epochMs);
}
