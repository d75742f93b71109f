import { type ExecutionSummary, type JobPolicy } from '../../../shared/domain/job';
import type { Clock } from '../ports';
import type { InFlightTasks } from './in-flight-tasks';
import type { AbortBaseline } from './job-store';
import type { RunBooks } from './run-books';
import { abortDecision, gateDecision } from './run-decisions';
import { TERMINAL_EXECUTION_STATES, isTerminalExecution } from '../../../shared/domain/job-rules';

/** What the gatekeeper asks of the run it watches. */
export interface GatekeeperHost {
  /** A scheduling pass (a wave was opened). */
  pump(): void;
  /** Re-verifies steps that were in flight at a crash, as slots allow. */
  startRecoveries(): void;
  /** The job has ended; `written` resolves once its last state is on disk. */
  ended(written: Promise<void>): void;
}

/**
 * How a run moves on as a whole: a wave that is done opens the next one or pauses at its gate, failures past
 * the abort criteria stop the job, a job with nothing left completes, and a cancel lets every device go.
 */
export class WaveGatekeeper {
  private baseline: AbortBaseline;

  constructor(
    private readonly deps: {
      books: RunBooks;
      policy: JobPolicy;
      inFlight: InFlightTasks;
      clock: Clock;
      host: GatekeeperHost;
    },
    baseline: AbortBaseline | null,
  ) {
    this.baseline = baseline ?? { succeeded: 0, failed: 0, byReason: {} };
  }

  /** The abort threshold judges what happens from here on, not the failures that made the job stop. */
  rebase(): AbortBaseline {
    const { summary, ledger } = this.deps.books;
    const c = summary.counts;
    this.baseline = {
      succeeded: c.succeeded,
      failed: c.failed + c['timed-out'],
      byReason: { ...ledger.failedByReason },
    };
    return this.baseline;
  }

  /** After a scheduling pass: completes the job, or gates its wave, when nothing is left to run. */
  checkProgress(): void {
    const { books, inFlight } = this.deps;
    if (books.run.state !== 'running' || inFlight.isShuttingDown) return;
    const { summary, ledger } = books;
    const nonTerminal = summary.total - TERMINAL_EXECUTION_STATES.reduce((n, s) => n + summary.counts[s], 0);
    if (nonTerminal === 0 && inFlight.size === 0) {
      this.deps.host.ended(books.applyJob({ type: 'drained' }, 'completed'));
      return;
    }
    const wave = books.run.currentWave;
    if (ledger.activeUpTo(wave) > 0 || inFlight.size > 0) return;
    if (wave < ledger.waveCount - 1) return this.gate(wave);
    if (summary.counts['waiting-offline'] > 0) return;
    books.applyJob(
      {
        type: 'pause',
        reason: 'needs-decision',
        message: `${nonTerminal} device(s) are held: release or cancel them`,
      },
      'paused',
    );
  }

  /** After a device ended: stops the job when the abort criteria say so. */
  checkAbort(): void {
    const { books, policy } = this.deps;
    if (books.run.state !== 'running') return;
    const event = abortDecision(policy, books.summary.counts, books.ledger.failedByReason, this.baseline);
    if (!event) return;
    void books.applyJob(event, 'abort-threshold');
    if (event.type === 'cancel-requested') this.cancelRemaining();
  }

  /** Cancels a device that is not done, unless it is unknown and waits for its check (`startRecoveries`). */
  cancelLeftover(e: ExecutionSummary): void {
    if (isTerminalExecution(e.state) || (e.state === 'unknown' && !e.held)) return;
    this.deps.books.apply(e, { type: 'canceled', at: this.deps.clock.now() }, 'canceled');
  }

  /** Stops what runs and cancels the rest; the job ends once no task is left. */
  cancelRemaining(): void {
    const { books, inFlight, host } = this.deps;
    // Found canceling after a crash: a step that was in flight is checked before the device is let go.
    host.startRecoveries();
    for (const id of inFlight.ids()) inFlight.stop(id, 'job canceled');
    for (const exec of books.ledger.values()) if (!inFlight.has(exec.deviceId)) this.cancelLeftover(exec);
    if (inFlight.size === 0 && books.run.state === 'canceling') {
      host.ended(books.applyJob({ type: 'drained' }, 'canceled'));
    }
  }

  private gate(wave: number): void {
    const event = gateDecision(this.deps.policy, wave, this.deps.books.ledger.outcomes(wave));
    void this.deps.books.applyJob(event, event.type === 'open-wave' ? 'wave-opened' : 'paused');
    if (event.type === 'open-wave') this.deps.host.pump();
  }
}
