import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobId, JobSpec, JobSummary, PauseReason } from '../../../shared/domain/job';
import type { StepServices } from '../drivers/device-driver';
import type { DriverRegistry } from '../drivers/driver-registry';
import { DomainError } from '../errors';
import type { Clock, EventSink, Logger } from '../ports';
import type { DeviceLookup } from './device-lookup';
import { InFlightTasks } from './in-flight-tasks';
import type { AbortBaseline } from './job-store';
import { type ExecutionEvent } from './job-state';
import type { JournalWriter } from './journal-writer';
import { NewMembers } from './new-members';
import { OfflineDeferral } from './offline-deferral';
import { identifyAfterCrash, recordReadBack } from './read-back';
import { RunBooks, type RunSnapshot } from './run-books';
import { RunScheduler } from './run-scheduler';
import { RunWaker } from './run-waker';
import { ShutdownRequested } from './step-runner';
import type { UiProgressPublisher } from './ui-progress-publisher';
import { WaveGatekeeper } from './wave-gatekeeper';
import { isTerminalJob } from '../../../shared/domain/job-rules';

export interface JobRunDeps {
  journal: JournalWriter;
  devices: DeviceLookup;
  drivers: DriverRegistry;
  services: StepServices;
  /** For inventory changes a step's read-back finds (`devices.updated`). */
  events: EventSink;
  /** Where live, not journaled, progress is shown; journaled changes reach the windows through the stream. */
  progress: Pick<UiProgressPublisher, 'show'>;
  /** The number of the last commit on the job event stream. */
  lastSeq: () => number;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** Current target devices (smart groups re-resolved), for `includeNewMembers`. */
  resolveTargets: () => DeviceId[];
  targetsRevision?: () => number;
  /** How often offline devices and new group members are looked at. */
  tickMs: number;
}

export interface JobRunInit {
  id: JobId;
  spec: JobSpec;
  summary: JobSummary;
  executions: ExecutionSummary[];
  abortBaseline: AbortBaseline | null;
}

/**
 * One job in this process: the technician's commands, and the wiring of the parts that run it: its books
 * (`RunBooks`, every transition journaled before it is acted on), the scheduler (`RunScheduler`), the waves,
 * gates and abort (`WaveGatekeeper`), offline devices (`OfflineDeferral`) and new members (`NewMembers`).
 */
export class JobRun {
  readonly spec: JobSpec;
  private readonly books: RunBooks;
  private readonly inFlight = new InFlightTasks();
  private readonly waker: RunWaker;
  private readonly scheduler: RunScheduler;
  private readonly gatekeeper: WaveGatekeeper;
  private readonly offline: OfflineDeferral;
  private readonly newMembers: NewMembers;
  private settledResolve!: () => void;
  /** Resolves once the job has ended (completed or canceled) or this process stops running it. */
  readonly settled = new Promise<void>((resolve) => (this.settledResolve = resolve));

  constructor(
    private readonly deps: JobRunDeps,
    init: JobRunInit,
  ) {
    const { spec } = init;
    this.spec = spec;
    const { journal, clock, logger, devices } = deps;
    /** When this process took the job over (created it, or found it after a restart). */
    const activeSince = clock.now();
    this.books = new RunBooks(
      {
        journal,
        progress: deps.progress,
        lastSeq: deps.lastSeq,
        clock,
        logger,
        executionEnded: () => this.gatekeeper.checkAbort(),
      },
      { spec, summary: init.summary, executions: init.executions, activeSince },
    );
    const books = this.books;
    this.waker = new RunWaker({
      journal,
      clock,
      tickMs: deps.tickMs,
      pump: () => this.safePump(),
      onTick: () => this.onTick(),
    });
    this.offline = new OfflineDeferral({ books, policy: spec.policy, devices, activeSince });
    this.newMembers = new NewMembers({
      books,
      devices,
      resolveTargets: deps.resolveTargets,
      revision: deps.targetsRevision,
    });
    this.scheduler = new RunScheduler({
      ...deps,
      spec,
      books,
      inFlight: this.inFlight,
      offline: this.offline,
      waker: this.waker,
      readBack: {
        recordReadBack: (target, readBack) => recordReadBack(deps, target, readBack),
        identifyAfterCrash: (resolved, signal) => identifyAfterCrash(deps, resolved, signal),
      },
      activeSince,
      taskEnded: (id, canceledAlone) => this.taskEnded(id, canceledAlone),
    });
    this.gatekeeper = new WaveGatekeeper(
      {
        books,
        policy: spec.policy,
        inFlight: this.inFlight,
        clock,
        host: {
          pump: () => this.pump(),
          startRecoveries: () => this.scheduler.startRecoveries(),
          ended: (written) => this.finish(written),
        },
      },
      init.abortBaseline,
    );
  }

  get id(): JobId {
    return this.books.id;
  }

  current(): JobSummary {
    return this.books.current();
  }

  /** The job as this process has it now, from memory (no journal read, no flush). */
  snapshot(): RunSnapshot {
    return this.books.snapshot();
  }

  /** Picks up where the stored state is: arms the schedule, resumes work, or finishes a cancel. */
  begin(): void {
    this.waker.start();
    const { state } = this.books.run;
    if (state === 'canceling') this.gatekeeper.cancelRemaining();
    else if (state === 'scheduled' || state === 'running') this.pump();
    this.books.show();
  }

  pause(reason: PauseReason = 'user', message = 'paused by the technician'): void {
    const { state } = this.books.run;
    if (state !== 'running' && state !== 'scheduled') {
      throw new DomainError('CONFLICT', `job is ${state}, not running`);
    }
    void this.books.applyJob({ type: 'pause', reason, message }, 'paused');
  }

  resume(): void {
    const { state } = this.books.run;
    if (state !== 'paused') throw new DomainError('CONFLICT', `job is ${state}, not paused`);
    void this.books.applyJob({ type: 'resume' }, 'resumed', { abortBaseline: this.gatekeeper.rebase() });
    this.pump();
  }

  nextWave(): void {
    const { state, currentWave } = this.books.run;
    if (currentWave >= this.books.ledger.waveCount - 1) {
      throw new DomainError('CONFLICT', 'this is the last wave');
    }
    if (state !== 'running' && state !== 'paused') throw new DomainError('CONFLICT', `job is ${state}`);
    void this.books.applyJob({ type: 'open-wave', wave: currentWave + 1 }, 'wave-opened');
    this.pump();
  }

  cancel(): void {
    const { state } = this.books.run;
    if (state === 'canceling' || isTerminalJob(state)) throw new DomainError('CONFLICT', `job is ${state}`);
    void this.books.applyJob({ type: 'cancel-requested' }, 'cancel-requested');
    this.gatekeeper.cancelRemaining();
  }

  controlDevice(deviceId: DeviceId, action: 'hold' | 'release' | 'cancel'): ExecutionSummary {
    const exec = this.books.ledger.get(deviceId);
    if (!exec) throw new DomainError('NOT_FOUND', `device ${deviceId} is not in job ${this.id}`);
    const at = this.deps.clock.now();
    if (action === 'cancel' && this.inFlight.has(deviceId)) {
      this.inFlight.stop(deviceId, 'canceled by the technician');
      return exec;
    }
    let event: ExecutionEvent;
    if (action === 'release' && exec.state === 'unknown' && exec.held) {
      // The technician decided: send the step again.
      event = { type: 'verified-not-applied', at };
    } else event = action === 'cancel' ? { type: 'canceled', at } : { type: action, at };
    try {
      const after = this.books.apply(exec, event, `device-${action}`);
      // The job waited only for this decision.
      const { state, pauseReason } = this.books.run;
      if (state === 'paused' && pauseReason === 'needs-decision' && action !== 'hold') this.resume();
      else this.pump();
      return after;
    } catch (error) {
      throw new DomainError(
        'CONFLICT',
        `cannot ${action} a device that is ${exec.state}: ${(error as Error).message}`,
      );
    }
  }

  /** Stops this process's work on the job; what is in flight stays `running` in the journal (a crash, to it). */
  async shutdown(): Promise<void> {
    this.inFlight.shutDown(new ShutdownRequested('app stopping'));
    this.waker.stop();
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 5));
    this.settledResolve();
  }

  private pump(): void {
    if (this.inFlight.isShuttingDown) return;
    if (this.scheduler.pass()) this.gatekeeper.checkProgress();
  }

  private safePump(): void {
    try {
      this.pump();
    } catch (error) {
      this.deps.logger.error('job scheduling failed', { jobId: this.id, error: String(error) });
    }
  }

  private onTick(): void {
    if (this.books.run.state !== 'running') return;
    const now = this.deps.clock.now();
    this.offline.review(now);
    if (this.spec.targets.includeNewMembers) this.newMembers.takeIn(now);
    this.pump();
  }

  private taskEnded(id: DeviceId, canceledAlone: boolean): void {
    // Stopping: what was in flight stays as the journal says, to be verified at the next start.
    if (this.inFlight.isShuttingDown) return;
    // Canceled alone while its step ran: a retry the step's failure queued is not started either.
    if (canceledAlone) this.gatekeeper.cancelLeftover(this.books.ledger.get(id)!);
    if (this.books.run.state === 'canceling') this.gatekeeper.cancelRemaining();
    else this.waker.beforeCommit();
  }

  /** The job has ended: settled once its last state is on disk. */
  private finish(written: Promise<void>): void {
    this.waker.stop();
    void written.finally(() => this.settledResolve());
  }
}
