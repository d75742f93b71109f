import { useState } from 'react';
import {
  ExecutionStateSchema,
  type ExecutionState,
  type ExecutionSummary,
  type JobSummary,
} from '../../../../shared/domain/job';
import { StateBadge } from '../../components/state-badge';
import { formatDuration } from '../../components/format-duration';
import { useJobExecutions } from '../../stores/jobs-store';
import { controlDevice } from './job-actions';
import { failureWords } from '../device-actions/failure-words';
import { STEP_WORDS } from './log-sentences';
import { skipWords } from './skip-words';
import { waveLabel } from './wave-label';
import { TERMINAL_EXECUTION_STATES } from '../../../../shared/domain/job-rules';

/** Devices the technician holds back (a flag on queued or waiting devices, not a state of its own). */
export function heldCount(byDevice: Record<string, ExecutionSummary>): number {
  return Object.values(byDevice).filter((e) => e.held && !TERMINAL_EXECUTION_STATES.includes(e.state)).length;
}

/** Rows rendered at most; the state filter narrows a larger job down. */
const MAX_ROWS = 500;

/** What main reported last: the live progress of a running step, or the verified result. */
function executionDetail(e: ExecutionSummary): string {
  if (e.state === 'running' && e.progress) {
    return e.progress.percent === null
      ? e.progress.message
      : `${e.progress.message} (${Math.round(e.progress.percent)} %)`;
  }
  return e.result ?? '';
}

function reasonText(e: ExecutionSummary): string {
  if (e.reason) return `${failureWords(e.reason)}${e.message ? `: ${e.message}` : ''}`;
  if (e.skipReason) return `${skipWords(e.skipReason)}${e.message ? `: ${e.message}` : ''}`;
  // Waiting for the device: the inventory's reason, as main wrote it, so both views say the same.
  if (e.state === 'waiting-offline' && e.message) return e.held ? `held; ${e.message}` : e.message;
  return e.held ? (e.message ?? 'held: release it to let it start') : '';
}

/** "2/3 firmware-update": the step running or last run; nothing before the device started. */
function stepText(e: ExecutionSummary, steps: JobSummary['steps']): string {
  const step = steps[e.stepIndex];
  return step && e.startedAt !== null ? `${e.stepIndex + 1}/${steps.length} ${STEP_WORDS[step.action]}` : '';
}

function duration(e: ExecutionSummary, now: number): string {
  if (e.startedAt === null) return '';
  return formatDuration((e.finishedAt ?? now) - e.startedAt);
}

function RowControls({ jobId, e }: { jobId: string; e: ExecutionSummary }) {
  if (TERMINAL_EXECUTION_STATES.includes(e.state)) return null;
  const canHold = !e.held && (e.state === 'queued' || e.state === 'waiting-offline');
  return (
    <span className="row-controls">
      {canHold && (
        <button
          type="button"
          className="link"
          aria-label={`Hold ${e.deviceName}`}
          onClick={() => void controlDevice(jobId, e.deviceId, 'hold')}
        >
          Hold
        </button>
      )}
      {e.held && (
        <button
          type="button"
          className="link"
          aria-label={`Release ${e.deviceName}`}
          onClick={() => void controlDevice(jobId, e.deviceId, 'release')}
        >
          Release
        </button>
      )}
      <button
        type="button"
        className="link"
        aria-label={`Cancel ${e.deviceName}`}
        title={
          e.state === 'running'
            ? 'The step under way is not cut off: it finishes and is checked, then this device stops.'
            : undefined
        }
        onClick={() => void controlDevice(jobId, e.deviceId, 'cancel')}
      >
        Cancel
      </button>
    </span>
  );
}

/** Every device's execution, live, filtered by state. */
export function ExecutionsTable({ job, now }: { job: JobSummary; now: number }) {
  const executions = useJobExecutions(job.id);
  const [filter, setFilter] = useState<ExecutionState | 'all' | 'held'>('all');
  const hasCanary = job.waves.some((w) => w.canary);
  if (!executions) return <p className="empty">Loading the devices…</p>;
  const shown = executions.order
    .map((id) => executions.byDevice[id]!)
    .filter((e) => filter === 'all' || e.state === filter || (filter === 'held' && e.held));
  const held = heldCount(executions.byDevice);
  return (
    <div className="executions">
      <label className="inline-form">
        State filter{' '}
        <select value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)}>
          <option value="all">all ({job.total})</option>
          <option value="held">held ({held})</option>
          {ExecutionStateSchema.options.map((state) => (
            <option key={state} value={state}>
              {state} ({job.counts[state]})
            </option>
          ))}
        </select>
      </label>
      <table className="grid" aria-label="Device executions">
        <thead>
          <tr>
            <th>Device</th>
            <th>State</th>
            <th>Wave</th>
            <th>Step</th>
            <th>Attempt</th>
            <th>Duration</th>
            <th>Reason</th>
            <th>Progress / result</th>
            <th>
              <span className="visually-hidden">Controls</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, MAX_ROWS).map((e) => (
            <tr key={e.deviceId} data-execution-device={e.deviceId} data-state={e.state}>
              <td>{e.deviceName}</td>
              <td>
                <StateBadge state={e.state} />
                {e.held && <StateBadge state="held" title="It will not start until you release it." />}
              </td>
              <td>{job.waves.length > 1 ? waveLabel(e.wave, hasCanary) : ''}</td>
              <td>{stepText(e, job.steps)}</td>
              <td>{e.attempt > 0 ? e.attempt : ''}</td>
              <td>{duration(e, now)}</td>
              <td>{reasonText(e)}</td>
              <td data-testid="execution-detail">{executionDetail(e)}</td>
              <td>
                <RowControls jobId={job.id} e={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length > MAX_ROWS && (
        <p className="hint">
          The first {MAX_ROWS} of {shown.length} devices are listed: narrow them with the state filter.
        </p>
      )}
      {shown.length === 0 && <p className="empty">No device is {filter} in this job.</p>}
    </div>
  );
}
