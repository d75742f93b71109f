import type { HistoryHit } from '../../../../shared/domain/history';
import { failureWords } from '../device-actions/failure-words';
import { skipWords } from '../job-runs/skip-words';

/** Why an execution ended as it did, in the words the job monitor uses; null when there is nothing to say. */
export function outcomeWords(
  hit: Pick<HistoryHit, 'reason' | 'skipReason' | 'message' | 'result'>,
): string | null {
  const why = hit.reason ? failureWords(hit.reason) : hit.skipReason ? skipWords(hit.skipReason) : null;
  const parts = [why, hit.message, hit.result].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' · ') : null;
}
