import type { ExecutionSummary, JobPlan } from '../../../../shared/domain/job';
import { StateBadge } from '../../components/state-badge';
import { editRetryPolicy, startRetry } from './job-actions';
import { RetryPolicyFields } from './retry-policy-fields';
import { retryClosed, useRetry } from './retry-store';
import { skipWords } from './skip-words';

const devices = (n: number) => `${n} device${n === 1 ? '' : 's'}`;

function howItEnded(e: ExecutionSummary): string {
  if (e.skipReason) return `${skipWords(e.skipReason)}${e.message ? `: ${e.message}` : ''}`;
  return [e.reason, e.message].filter(Boolean).join(': ');
}

/** "Wave 1 (canary): 1 device · wave 2: 3 devices" */
function wavesText(plan: JobPlan): string {
  return plan.waves
    .map((w) => `wave ${w.index + 1}${w.canary ? ' (canary)' : ''}: ${devices(w.size)}`)
    .join(' · ');
}

/** The retry's own dry run: nothing starts until "Start retry". */
export function RetryDialog() {
  const draft = useRetry((s) => s.draft);
  const policy = useRetry((s) => s.policy);
  const isPlanning = useRetry((s) => s.isPlanning);
  const error = useRetry((s) => s.error);
  const planOf = new Map(draft?.plan.devices.map((d) => [d.deviceId, d]));
  return (
    <section
      className="confirm-panel retry-dialog"
      aria-label="Retry failed devices"
      data-testid="retry-dialog"
    >
      <h4>Retry failed devices: dry run</h4>
      {!draft && !error && <p className="empty">Planning the retry…</p>}
      {error && (
        <p role="alert" className="notice">
          {error}
        </p>
      )}
      {draft && policy && (
        <>
          <table className="grid" aria-label="Devices to retry">
            <thead>
              <tr>
                <th>Device</th>
                <th>Ended</th>
                <th>Why</th>
                <th>In the retry</th>
              </tr>
            </thead>
            <tbody>
              {draft.previous.map((e) => {
                const planned = planOf.get(e.deviceId);
                return (
                  <tr key={e.deviceId} data-retry-device={e.deviceId}>
                    <td>{e.deviceName}</td>
                    <td>
                      <StateBadge state={e.state} />
                    </td>
                    <td>{howItEnded(e)}</td>
                    <td>{planned?.skip ? `skipped: ${planned.skip.message}` : planned?.steps.join(', ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <RetryPolicyFields policy={policy} onChange={(p) => void editRetryPolicy(p)} />
          <p data-testid="retry-summary">
            {isPlanning
              ? 'Planning again with these settings…'
              : `${devices(draft.plan.runnable)} will run${draft.plan.skipped ? `, ${draft.plan.skipped} skipped` : ''}: ${wavesText(draft.plan)}.`}
          </p>
        </>
      )}
      <div className="form-buttons">
        <button
          type="button"
          className="primary"
          disabled={!draft || isPlanning || draft.plan.runnable === 0}
          onClick={() => void startRetry()}
        >
          Start retry
        </button>
        <button type="button" onClick={retryClosed}>
          Close
        </button>
      </div>
    </section>
  );
}
