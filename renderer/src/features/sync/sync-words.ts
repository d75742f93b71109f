import type { SyncStatus, SyncTargetKind, SyncTargetStatus } from '../../../../shared/domain/sync';
import { assertNever } from '../../../../shared/util/assert-never';
import { formatDuration } from '../../components/format-duration';
import { syncErrorWords } from './sync-error-words';

export const KIND_LABEL: Record<SyncTargetKind, string> = {
  mqtt: 'MQTT broker',
  https: 'HTTPS web service',
  hawkbit: 'Eclipse hawkBit',
};

/** "12 results waiting" / "1 result waiting". */
export function waitingWords(pending: number): string {
  return `${pending} result${pending === 1 ? '' : 's'} waiting`;
}

/** The header's and the Sync view's total: never "All synced" while no target is on to send to. */
export function totalWords(status: SyncStatus): string {
  const sending = status.targets.some((t) => t.state !== 'disabled');
  if (!sending)
    return status.totalPending === 0
      ? 'No sync target'
      : `No sync target · ${waitingWords(status.totalPending)}`;
  return status.totalPending === 0 ? 'All synced' : waitingWords(status.totalPending);
}

/** What a target added now receives: every result still kept on this computer. */
export function newTargetWords(kept: number): string {
  if (kept === 0) return 'This target will receive results from now on.';
  return `This target will receive the ${kept} result${kept === 1 ? '' : 's'} still on this computer, then new ones.`;
}

/** The Remove confirmation: what happens to what the target has not got. */
export function removeWords(name: string, pending: number): string {
  if (pending === 0) return `Remove ${name}? It has every result; nothing more will be sent to it.`;
  const results = pending === 1 ? '1 result has' : `${pending} results have`;
  return `Remove ${name}? ${results} not reached this target yet. Removing it drops them for this target; other targets still get theirs.`;
}

/** "just now", "40 s ago", "2 min ago" (whole minutes from one minute on: a card is read, not timed). */
export function agoWords(at: number, now: number): string {
  const ms = Math.max(0, now - at);
  if (ms < 5_000) return 'just now';
  return `${formatDuration(ms < 60_000 ? ms : Math.round(ms / 60_000) * 60_000)} ago`;
}

/** One line a technician reads on a target's card, from what main reported (the renderer decides nothing). */
export function targetStateWords(t: SyncTargetStatus, now: number): string {
  switch (t.state) {
    case 'disabled':
      return 'Off · nothing is sent to this target';
    case 'delivering':
      return `Sending · ${waitingWords(t.pending)}`;
    case 'idle':
      if (t.pending > 0) return waitingWords(t.pending);
      return t.lastSuccessAt === null
        ? 'Synced · nothing to send yet'
        : `Synced · last success ${agoWords(t.lastSuccessAt, now)}`;
    case 'waiting':
      return `${retryWords(t.nextAttemptAt, now)}${t.lastError ? `: ${syncErrorWords(t.lastError)}` : ''}`;
    case 'error':
      // The reason is on the card's "Last error" line, right below.
      return 'Not sending: fix the last error, then Sync now';
    default:
      return assertNever(t.state, 'sync state');
  }
}

function retryWords(nextAttemptAt: number | null, now: number): string {
  if (nextAttemptAt === null) return 'Waiting to retry';
  const ms = nextAttemptAt - now;
  return ms <= 1_000 ? 'Retrying now' : `Waiting to retry in ${formatDuration(ms)}`;
}
