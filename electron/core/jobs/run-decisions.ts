import type { ExecutionCounts, FailureReason, JobPolicy } from '../../../shared/domain/job';
import type { AbortBaseline } from './job-store';
import { abortVerdict } from './abort-criteria';
import { waveName } from '../../../shared/domain/job-waves';
import type { JobEvent } from './job-state';

/** What a finished wave leads to: the next wave, or a pause saying why (gate not met, or a click wanted). */
export function gateDecision(
  policy: JobPolicy,
  wave: number,
  outcomes: { succeeded: number; failed: number },
): JobEvent {
  const executed = outcomes.succeeded + outcomes.failed;
  const percent = executed === 0 ? 100 : (outcomes.succeeded / executed) * 100;
  const { successPercent, advance } = policy.waveGate;
  const name = waveName(wave, !!policy.canary);
  const next = waveName(wave + 1, !!policy.canary);
  if (percent < successPercent) {
    const message = `${name}: ${percent.toFixed(0)} % succeeded, below the gate of ${successPercent} %`;
    return { type: 'pause', reason: 'wave-gate', message };
  }
  if (advance === 'manual') {
    const message = `${name} done (${percent.toFixed(0)} % succeeded): click “Next wave” to start ${next}`;
    return { type: 'pause', reason: 'wave-gate', message };
  }
  return { type: 'open-wave', wave: wave + 1 };
}

/** Whether the abort criteria stop the job, counting only what happened since the last resume. */
export function abortDecision(
  policy: JobPolicy,
  counts: ExecutionCounts,
  failedByReason: Partial<Record<FailureReason, number>>,
  baseline: AbortBaseline,
): JobEvent | null {
  const byReason: Partial<Record<FailureReason, number>> = {};
  for (const [reason, n] of Object.entries(failedByReason) as [FailureReason, number][]) {
    byReason[reason] = n - (baseline.byReason[reason] ?? 0);
  }
  const verdict = abortVerdict(policy.abort, {
    succeeded: counts.succeeded - baseline.succeeded,
    failed: counts.failed + counts['timed-out'] - baseline.failed,
    byReason,
  });
  if (!verdict) return null;
  if (verdict.action === 'cancel') return { type: 'cancel-requested' };
  return { type: 'pause', reason: 'abort-threshold', message: verdict.why };
}
