import type { OfflineReason } from '../../../shared/domain/device';

/** A device's online state, as the inventory shows it. */
export interface Presence {
  online: boolean;
  /** Null while online. */
  offlineReason: OfflineReason | null;
}

/** One endpoint's state, as stored. */
export interface EndpointPresence extends Presence {
  lastSeenAt: number;
}

/** Nothing has seen the device since start-up (or a list named it and nothing reached it yet). */
export const NOT_SEEN: OfflineReason = 'not-seen';

/**
 * A device follows its endpoints: online while any is; otherwise offline with the reason of the endpoint just
 * lost (`lostReason`), else of the endpoint seen last, else `not-seen`. Of endpoints seen at the same moment the
 * first listed counts.
 */
export function devicePresence(
  endpoints: readonly EndpointPresence[],
  lostReason: OfflineReason | null = null,
): Presence {
  if (endpoints.some((e) => e.online)) return { online: true, offlineReason: null };
  let latest: EndpointPresence | undefined;
  for (const e of endpoints) if (!latest || e.lastSeenAt > latest.lastSeenAt) latest = e;
  return { online: false, offlineReason: lostReason ?? latest?.offlineReason ?? NOT_SEEN };
}

/** The history line of an endpoint that went away (goodbye, LWT Offline, unplugged…). */
export function lostNote(key: string, reason: OfflineReason): string {
  return `${key} (${reason})`;
}
