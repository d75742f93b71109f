import type { ExecutionSummary, JobPolicy, JobSummary } from '../../../shared/domain/job';
import type { JobEta } from '../../../shared/domain/job-eta';
import { estimateEta } from './eta-estimator';
import type { JobRunState } from './job-state';

/** How old an estimate may get before the next event carries a new one: each one reads every execution. */
export const ETA_REFRESH_MS = 250;

/**
 * The estimate a run sends with its events: made afresh when the run's state, pause or wave changed or
 * `ETA_REFRESH_MS` passed, else the last one (the renderer counts down from its `at`). None for a run that is
 * not under way (scheduled, canceling, ended).
 */
export class RunEta {
  private last: { key: string; eta: JobEta } | null = null;

  constructor(
    private readonly options: {
      policy: JobPolicy;
      /** When this process took the run over: offline deadlines count from no earlier. */
      activeSince: number;
      now: () => number;
    },
  ) {}

  current(
    run: JobRunState,
    summary: Pick<JobSummary, 'startedAt'>,
    waveCount: number,
    executions: () => Iterable<ExecutionSummary>,
  ): JobEta | null {
    if (run.state !== 'running' && run.state !== 'paused') return null;
    const now = this.options.now();
    const key = `${run.state}/${run.pauseReason}/${run.currentWave}`;
    if (this.last && this.last.key === key && now - this.last.eta.at < ETA_REFRESH_MS) return this.last.eta;
    const eta = estimateEta(
      {
        ...run,
        now,
        waveCount,
        startedAt: summary.startedAt,
        activeSince: this.options.activeSince,
        policy: this.options.policy,
      },
      executions(),
    );
    this.last = { key, eta };
    return eta;
  }
}
