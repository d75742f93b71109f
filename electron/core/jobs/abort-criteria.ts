import type { FailureReason } from '../../../shared/domain/job';

export interface AbortCriteria {
  /** Stop when more than this share of executed devices failed (0..100). */
  failurePercent: number;
  /** Not before this many devices have executed (succeeded or failed). */
  minExecuted: number;
  /** Tighter thresholds for particular failure reasons, e.g. `{ 'not-verified': 0 }`. */
  perReason?: Partial<Record<FailureReason, number>>;
  action: 'pause' | 'cancel';
}

export interface ExecutedCounts {
  succeeded: number;
  failed: number;
  byReason: Partial<Record<FailureReason, number>>;
}

export interface AbortVerdict {
  action: 'pause' | 'cancel';
  why: string;
}

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (part / whole) * 100);

/**
 * Whether the job must stop (AWS IoT `abortConfig`, Ansible `max_fail_percentage`): a threshold must be
 * EXCEEDED, not met, and only once at least `minExecuted` devices have a result. Null while the job may go on.
 */
export function abortVerdict(
  criteria: AbortCriteria | null | undefined,
  counts: ExecutedCounts,
): AbortVerdict | null {
  if (!criteria) return null;
  const executed = counts.succeeded + counts.failed;
  if (executed < Math.max(1, criteria.minExecuted)) return null;
  for (const [reason, limit] of Object.entries(criteria.perReason ?? {}) as [FailureReason, number][]) {
    const share = pct(counts.byReason[reason] ?? 0, executed);
    if (share > limit) {
      return {
        action: criteria.action,
        why: `${share.toFixed(1)} % failed with ${reason} (limit ${limit} %) after ${executed} devices`,
      };
    }
  }
  const share = pct(counts.failed, executed);
  if (share > criteria.failurePercent) {
    return {
      action: criteria.action,
      why: `${share.toFixed(1)} % failed (limit ${criteria.failurePercent} %) after ${executed} devices`,
    };
  }
  return null;
}
