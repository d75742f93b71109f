/** Pure decoding of Shelly notifications (PROTOCOLS.md §1.7): the `sys` OTA events of a `NotifyEvent`. */

export type OtaEvent =
  | { kind: 'begin'; message: string }
  | { kind: 'progress'; percent: number | null; message: string }
  | { kind: 'success'; message: string }
  | { kind: 'error'; message: string };

const KINDS: Record<string, OtaEvent['kind']> = {
  ota_begin: 'begin',
  ota_progress: 'progress',
  ota_success: 'success',
  ota_error: 'error',
};

/** The OTA events in one notification frame, in order; anything else (NotifyStatus, other events) gives []. */
export function otaEventsOf(notification: { method: string; params: unknown }): OtaEvent[] {
  if (notification.method !== 'NotifyEvent') return [];
  const params = notification.params as { events?: unknown } | null;
  if (!params || !Array.isArray(params.events)) return [];
  const out: OtaEvent[] = [];
  for (const raw of params.events as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const event = raw as Record<string, unknown>;
    const kind = typeof event.event === 'string' ? KINDS[event.event] : undefined;
    if (event.component !== 'sys' || kind === undefined) continue;
    const message = typeof event.msg === 'string' ? event.msg : '';
    if (kind !== 'progress') {
      out.push({ kind, message });
      continue;
    }
    const percent = event.progress_percent;
    out.push({
      kind,
      message,
      percent:
        typeof percent === 'number' && Number.isFinite(percent)
          ? Math.min(100, Math.max(0, Math.round(percent)))
          : null,
    });
  }
  return out;
}
