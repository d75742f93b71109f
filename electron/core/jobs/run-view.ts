import type { JobPolicy, JobSummary } from '../../../shared/domain/job';
import type { JobEta } from '../../../shared/domain/job-eta';
import type { Clock } from '../ports';
import { estimateEta } from './eta-estimator';
import type { JobRunState } from './job-state';
import type { RunLedger } from './run-ledger';

/** How old an estimate may get before the next event carries a new one: each one reads every execution. */
export const ETA_REFRESH_MS = 250;

/**
 * A run's summary as the technician sees it: the stored summary with its waves and the time left. The estimate
 * is made afresh when the run's state, pause or wave changed or `ETA_REFRESH_MS` passed, else the last one is
 * sent again (the renderer counts down from its `at`). None for a run not under way (scheduled, canceling, ended).
 */
export class RunView {
  private last: { key: string; eta: JobEta } | null = null;

  /** `activeSince`: when this process took the run over; offline deadlines count from no earlier. */
  constructor(
    private readonly policy: JobPolicy,
    private readonly activeSince: number,
    private readonly clock: Clock,
  ) {}

  shown(run: JobRunState, summary: JobSummary, ledger: RunLedger): JobSummary {
    const waves = ledger.waves(run, !!this.policy.canary);
    return { ...summary, waves, eta: this.eta(run, summary, ledger) };
  }

  private eta(run: JobRunState, summary: JobSummary, ledger: RunLedger): JobEta | null {
    if (run.state !== 'running' && run.state !== 'paused') return null;
    const now = this.clock.now();
    const key = `${run.state}/${run.pauseReason}/${run.currentWave}`;
    if (this.last && this.last.key === key && now - this.last.eta.at < ETA_REFRESH_MS) return this.last.eta;
    const eta = estimateEta(
      {
        ...run,
        now,
        waveCount: ledger.waveCount,
        startedAt: summary.startedAt,
        activeSince: this.activeSince,
        policy: this.policy,
      },
      ledger.values(),
    );
    this.last = { key, eta };
    return eta;
  }
}
