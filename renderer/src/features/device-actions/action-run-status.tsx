import { StateBadge } from '../../components/state-badge';
import { actionRunDismissed } from '../../stores/action-runs-store';
import { openArtifact } from '../artifacts/artifact-intents';
import { cancelDeviceAction } from './device-action-intents';
import { failureWords } from './failure-words';
import { useActionRunView } from './use-action-run';

/**
 * The drawer's last action on this device, live: queued, then the step's progress as main reports it, then the
 * verified result or the failure with its reason. The renderer never decides the outcome; it shows it.
 */
export function ActionRunStatus({ deviceId }: { deviceId: string }) {
  const view = useActionRunView(deviceId);
  if (!view) return null;
  const { run, state, execution, jobId, isBusy } = view;
  const progress = execution?.state === 'running' ? execution.progress : null;
  return (
    <div
      className={`action-run action-run-${state}`}
      data-testid="action-run"
      data-action={run.action}
      data-state={state}
      data-job-id={jobId ?? undefined}
      role="status"
    >
      <p className="action-run-title">
        <strong>{run.title}</strong> <StateBadge state={state} />
      </p>
      {state === 'starting' && <p>Starting…</p>}
      {state === 'refused' && run.state === 'refused' && (
        <p className="error-text" data-testid="action-failure">
          Not started: {run.error}
        </p>
      )}
      {state === 'queued' && <p>Waiting for its turn…</p>}
      {state === 'running' && (
        <div data-testid="action-progress">
          <span>{progress?.message ?? 'Working…'}</span>
          {progress?.percent !== null && progress?.percent !== undefined && (
            <>
              {' '}
              <progress max={100} value={progress.percent} aria-label="Progress" />{' '}
              <span>{Math.round(progress.percent)} %</span>
            </>
          )}
        </div>
      )}
      {state === 'succeeded' && (
        <p className="online" data-testid="action-result">
          Verified: {execution?.result ?? 'done'}
        </p>
      )}
      {state === 'failed' && execution?.reason && (
        <p className="error-text" data-testid="action-failure">
          Failed: {failureWords(execution.reason)} ({execution.reason})
          {execution.message ? `: ${execution.message}` : ''}
        </p>
      )}
      {(state === 'canceled' || state === 'interrupted') && (
        <p>
          {state === 'canceled' ? 'Canceled' : 'Interrupted (Fieldbatch stopped)'}
          {execution?.message ? `: ${execution.message}` : ''}
        </p>
      )}
      <div className="form-buttons">
        {execution?.artifactId && (
          <button type="button" onClick={() => void openArtifact(execution.artifactId!)}>
            View snapshot
          </button>
        )}
        {isBusy && jobId && (
          <button
            type="button"
            disabled={state === 'canceling'}
            onClick={() => void cancelDeviceAction(jobId)}
          >
            Cancel action
          </button>
        )}
        {!isBusy && (
          <button type="button" className="link" onClick={() => actionRunDismissed(deviceId)}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
