import { useState } from 'react';
import type { JobSummary } from '../../../../shared/domain/job';
import { CancelConfirm } from './cancel-confirm';
import { openNextWave, openRetry, pauseJob, resumeJob } from './job-actions';
import { RetryDialog } from './retry-dialog';
import { useRetry } from './retry-store';

/** Whether "Next wave" has something to open, and whether the gate is waiting for it now. */
export function nextWaveState(job: JobSummary): 'none' | 'waiting' | 'not-yet' {
  const isLive = job.state === 'running' || job.state === 'paused';
  if (!isLive || job.currentWave >= job.waves.length - 1) return 'none';
  const isGated = job.waves[job.currentWave]?.state === 'gated' || job.pauseReason === 'wave-gate';
  return isGated ? 'waiting' : 'not-yet';
}

/** Pause, resume, cancel, next wave and retry: each shown when the job's state allows it; cancel and retry ask. */
export function MonitorControls({ job, canRetry }: { job: JobSummary; canRetry: boolean }) {
  const [isCancelAsked, setCancelAsked] = useState(false);
  const isRetryOpen = useRetry((s) => s.jobId === job.id);
  const isFinished = job.state === 'completed' || job.state === 'canceled';
  const nextWave = nextWaveState(job);
  return (
    <>
      <div className="form-buttons monitor-controls" role="group" aria-label="Job controls">
        {(job.state === 'running' || job.state === 'scheduled') && (
          <button type="button" onClick={() => void pauseJob(job.id)}>
            Pause
          </button>
        )}
        {job.state === 'paused' && (
          <button type="button" className="primary" onClick={() => void resumeJob(job.id)}>
            Resume
          </button>
        )}
        {nextWave !== 'none' && (
          <button
            type="button"
            disabled={nextWave !== 'waiting'}
            title={nextWave === 'waiting' ? undefined : 'The current wave is still running.'}
            onClick={() => void openNextWave(job.id)}
          >
            Next wave
          </button>
        )}
        {!isFinished && (
          <button
            type="button"
            className="danger"
            disabled={job.state === 'canceling' || isCancelAsked}
            onClick={() => setCancelAsked(true)}
          >
            Cancel job
          </button>
        )}
        {isFinished && canRetry && (
          <button type="button" disabled={isRetryOpen} onClick={() => void openRetry(job.id)}>
            Retry failed
          </button>
        )}
      </div>
      {isCancelAsked && !isFinished && <CancelConfirm job={job} onClose={() => setCancelAsked(false)} />}
      {isRetryOpen && <RetryDialog />}
    </>
  );
}
