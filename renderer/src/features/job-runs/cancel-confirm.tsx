import { type JobSummary } from '../../../../shared/domain/job';
import { formatDuration } from '../../components/format-duration';
import { useJobExecutions } from '../../stores/jobs-store';
import { cancelJob } from './job-actions';
import { TERMINAL_EXECUTION_STATES } from '../../../../shared/domain/job-rules';

const devices = (n: number) => `${n} device${n === 1 ? '' : 's'}`;

/**
 * What "Cancel job" does, said before it is done. Main does not cut off a step already on a device (a
 * reboot under way): it finishes and is verified, then that device stops (`jobs.cancel` in the contract).
 */
export function CancelConfirm({ job, onClose }: { job: JobSummary; onClose: () => void }) {
  const executions = useJobExecutions(job.id);
  const all = executions ? executions.order.map((id) => executions.byDevice[id]!) : [];
  const underWay = all.filter((e) => e.state === 'running' || e.state === 'unknown');
  const notStarted = all.filter(
    (e) => !TERMINAL_EXECUTION_STATES.includes(e.state) && e.state !== 'running' && e.state !== 'unknown',
  );
  const timeout = job.policy ? formatDuration(job.policy.stepTimeoutMs) : 'the step timeout';
  return (
    <div role="group" aria-label="Confirm cancel" className="confirm-panel" data-testid="cancel-confirm">
      <p>
        <strong>Cancel “{job.name}”?</strong> Devices already finished keep their result.
      </p>
      <p data-testid="cancel-not-started">
        {notStarted.length === 0
          ? 'No device is waiting to start.'
          : `${devices(notStarted.length)} not started yet are canceled at once and get nothing.`}
      </p>
      {underWay.length > 0 && (
        <>
          <p>
            {devices(underWay.length)} {underWay.length === 1 ? 'has' : 'have'} a step under way. It is not
            cut off: it finishes and is checked on the device (at most {timeout}), then the device stops and
            gets no further step.
          </p>
          <ul aria-label="Devices with a step under way">
            {underWay.map((e) => (
              <li key={e.deviceId}>
                {e.deviceName}: {job.steps[e.stepIndex]?.action ?? 'step'}
                {e.progress ? ` (${e.progress.message})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="form-buttons">
        <button
          type="button"
          className="danger"
          onClick={() => {
            onClose();
            void cancelJob(job.id);
          }}
        >
          Cancel job
        </button>
        <button type="button" onClick={onClose}>
          Keep running
        </button>
      </div>
    </div>
  );
}
