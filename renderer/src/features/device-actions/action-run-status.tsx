import { StateBadge } from '../../components/state-badge';
import { actionRunDismissed } from '../../stores/action-runs-store';
import { assertNever } from '../../../../shared/util/assert-never';
import { openArtifact } from '../artifacts/artifact-intents';
import { skipWords } from '../job-runs/skip-words';
import { cancelDeviceAction } from './device-action-intents';
import { failureWords } from './failure-words';
import { useActionRunView, type ActionRunView } from './use-action-run';

function RunProgress({ execution }: { execution: ActionRunView['execution'] }) {
  const progress = execution?.state === 'running' ? execution.progress : null;
  return (
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
  );
}

/** What the technician reads for each state of the run, as main reported it. */
function RunOutcome({ view }: { view: ActionRunView }) {
  const { run, state, execution } = view;
  const message = execution?.message ? `: ${execution.message}` : '';
  switch (state) {
    case 'starting':
      return <p>Starting…</p>;
    case 'refused':
      return run.state === 'refused' ? (
        <p className="error-text" data-testid="action-failure">
          Not started: {run.error}
        </p>
      ) : null;
    case 'not-run':
      return run.state === 'not-run' ? (
        <p className="offline" data-testid="action-skipped">
          Not run: {skipWords(run.skipReason)}: {run.message}
        </p>
      ) : null;
    case 'queued':
      return <p>Waiting for its turn…</p>;
    case 'waiting-offline':
      return <p>Waiting for the device to come back online…</p>;
    case 'running':
      return <RunProgress execution={execution} />;
    case 'succeeded':
      return (
        <p className="online" data-testid="action-result">
          Verified: {execution?.result ?? 'done'}
        </p>
      );
    case 'failed':
    case 'timed-out':
      return execution?.reason ? (
        <p className="error-text" data-testid="action-failure">
          {state === 'failed' ? 'Failed' : 'Timed out'}: {failureWords(execution.reason)}
          {message}
        </p>
      ) : (
        <p className="error-text" data-testid="action-failure">
          {state === 'failed' ? 'Failed' : 'Timed out'}
          {message}
        </p>
      );
    case 'skipped':
      return (
        <p className="offline" data-testid="action-skipped">
          Not run{execution?.skipReason ? `: ${skipWords(execution.skipReason)}` : ''}
          {message}
        </p>
      );
    case 'unknown':
      return (
        <p>Fieldbatch stopped during this step: it is checked on the device before anything is repeated.</p>
      );
    case 'canceling':
      return <p>Canceling…</p>;
    case 'canceled':
      return <p>Canceled{message}</p>;
    default:
      return assertNever(state, 'action run state');
  }
}

/**
 * The drawer's last action on this device, live: queued, then the step's progress as main reports it, then the
 * verified result or the failure with its reason. The renderer never decides the outcome; it shows it.
 */
export function ActionRunStatus({ deviceId }: { deviceId: string }) {
  const view = useActionRunView(deviceId);
  if (!view) return null;
  const { run, state, execution, jobId, isBusy } = view;
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
      <RunOutcome view={view} />
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
