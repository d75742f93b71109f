import type { DeviceId } from '../../../shared/domain/device';
import {
  blankExecution,
  type ExecutionCounts,
  type ExecutionState,
  type ExecutionSummary,
  type JobId,
  type JobSpec,
  type JobSummary,
} from '../../../shared/domain/job';
import type { StepProgress } from '../drivers/device-driver';
import type { Clock, Logger } from '../ports';
import type { AbortBaseline, NewExecution } from './job-store';
import {
  reduceExecution,
  reduceJob,
  type ExecutionEvent,
  type JobEvent,
  type JobRunState,
} from './job-state';
import type { JournalWriter } from './journal-writer';
import { RunLedger } from './run-ledger';
import { RunView } from './run-view';
import type { UiProgressPublisher } from './ui-progress-publisher';
import { TERMINAL_EXECUTION_STATES, isTerminalJob } from '../../../shared/domain/job-rules';

const TERMINAL: ReadonlySet<ExecutionState> = new Set(TERMINAL_EXECUTION_STATES);

export interface RunBooksDeps {
  journal: JournalWriter;
  /** Where live, not journaled, changes are shown (journaled ones reach the windows through the stream). */
  progress: Pick<UiProgressPublisher, 'show'>;
  /** The number of the last commit on the job event stream. */
  lastSeq: () => number;
  clock: Clock;
  logger: Logger;
  /** An execution reached a final state: the abort threshold is looked at then. */
  executionEnded: () => void;
}

/** A live job read from memory (`JobRun.snapshot`). */
export interface RunSnapshot {
  job: JobSummary;
  /** In position order. */
  executions: ExecutionSummary[];
  /** The last commit on the job event stream when it was taken: events with a higher `seq` may be newer. */
  seq: number;
}

export interface RunBooksInit {
  spec: JobSpec;
  summary: JobSummary;
  executions: readonly ExecutionSummary[];
  /** When this process took the job over (for the time left). */
  activeSince: number;
}

/**
 * A run's books: its job state, summary and executions in memory, each change reduced and counted at once and
 * handed to the journal, which writes it in this tick's group commit.
 */
export class RunBooks {
  readonly ledger: RunLedger;
  private state: JobRunState;
  private jobSummary: JobSummary;
  private readonly view: RunView;
  private watched: Promise<void> | null = null;

  constructor(
    private readonly deps: RunBooksDeps,
    init: RunBooksInit,
  ) {
    this.jobSummary = init.summary;
    this.state = {
      state: init.summary.state,
      pauseReason: init.summary.pauseReason,
      pauseMessage: init.summary.pauseMessage,
      currentWave: init.summary.currentWave,
    };
    this.view = new RunView(init.spec.policy, init.activeSince, deps.clock);
    this.ledger = new RunLedger(init.executions);
  }

  get id(): JobId {
    return this.jobSummary.id;
  }

  get run(): JobRunState {
    return this.state;
  }

  /** The summary as kept (counts, times), without waves or time left. */
  get summary(): JobSummary {
    return this.jobSummary;
  }

  /** The summary as the technician sees it: with its waves and the time left. */
  current(): JobSummary {
    return this.view.shown(this.state, this.jobSummary, this.ledger);
  }

  /** Reduce and account in memory at once; the journal write follows in this tick's group commit. */
  apply(before: ExecutionSummary, event: ExecutionEvent, name: string): ExecutionSummary {
    return this.applyWritten(before, event, name).after;
  }

  /** Like apply, and resolves once the change is on disk: callers act only after that. */
  async commit(before: ExecutionSummary, event: ExecutionEvent, name: string): Promise<ExecutionSummary> {
    const { after, written } = this.applyWritten(before, event, name);
    await written;
    return after;
  }

  applyJob(
    event: JobEvent,
    name: string,
    extra: { startedAt?: number; abortBaseline?: AbortBaseline } = {},
  ): Promise<void> {
    const from = this.state.state;
    this.state = reduceJob(this.state, event);
    const at = this.deps.clock.now();
    this.jobSummary = {
      ...this.jobSummary,
      state: this.state.state,
      pauseReason: this.state.pauseReason,
      pauseMessage: this.state.pauseMessage,
      currentWave: this.state.currentWave,
      startedAt: extra.startedAt ?? this.jobSummary.startedAt,
      finishedAt: isTerminalJob(this.state.state) ? at : null,
    };
    const written = this.deps.journal.write({
      kind: 'job',
      jobId: this.id,
      at,
      event: name,
      from,
      to: this.state.state,
      fields: {
        pauseReason: this.state.pauseReason,
        pauseMessage: this.state.pauseMessage,
        currentWave: this.state.currentWave,
        startedAt: this.jobSummary.startedAt,
        finishedAt: this.jobSummary.finishedAt,
        abortBaseline: extra.abortBaseline,
      },
    });
    this.watch(written);
    return written;
  }

  /** Takes devices in at the end of the job, queued. */
  append(devices: readonly NewExecution[], at: number): void {
    const append = { kind: 'append', jobId: this.id, at, firstPosition: this.ledger.size } as const;
    const written = this.deps.journal.write({ ...append, devices });
    this.watch(written);
    for (const d of devices) this.ledger.add(blankExecution(d.id, d.name, d.wave, at));
    this.jobSummary = { ...this.jobSummary, total: this.jobSummary.total + devices.length };
  }

  /** A step's progress as the driver reports it: shown at once, neither counted nor stored. */
  showProgress(id: DeviceId, progress: StepProgress): void {
    const live = {
      ...this.ledger.get(id)!,
      progress: { message: progress.message, percent: progress.percent ?? null },
    };
    this.ledger.showProgress(live);
    this.emit([live]);
  }

  /** Shows the job as it is now (its executions unchanged). */
  show(): void {
    this.emit([]);
  }

  /** The job as this process has it now: live summary, executions in position order, last commit number. */
  snapshot(): RunSnapshot {
    return { job: this.current(), executions: [...this.ledger.values()], seq: this.deps.lastSeq() };
  }

  private applyWritten(
    before: ExecutionSummary,
    event: ExecutionEvent,
    name: string,
  ): { after: ExecutionSummary; written: Promise<void> } {
    const after = reduceExecution(before, event);
    this.ledger.replace(before, after);
    const counts: ExecutionCounts = { ...this.jobSummary.counts };
    counts[before.state] -= 1;
    counts[after.state] += 1;
    this.jobSummary = { ...this.jobSummary, counts };
    const written = this.deps.journal.write({
      kind: 'execution',
      jobId: this.id,
      position: this.ledger.positionOf(before.deviceId),
      before,
      after,
      event: name,
    });
    this.watch(written);
    if (TERMINAL.has(after.state) && !TERMINAL.has(before.state)) this.deps.executionEnded();
    return { after, written };
  }

  /** Logs a failed group commit once, however many of this run's changes it carried. */
  private watch(written: Promise<void>): void {
    if (written === this.watched) return;
    this.watched = written;
    written.catch((error: unknown) =>
      this.deps.logger.error('journal write failed', { jobId: this.id, error: String(error) }),
    );
  }

  private emit(executions: ExecutionSummary[]): void {
    const changed = executions.map((e) => ({ position: this.ledger.positionOf(e.deviceId), execution: e }));
    this.deps.progress.show(this.current(), this.deps.lastSeq(), changed);
  }
}
