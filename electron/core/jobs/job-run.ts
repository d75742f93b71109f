import type { DeviceId } from '../../../shared/domain/device';
import {
  blankExecution,
  TERMINAL_EXECUTION_STATES,
  type ExecutionCounts,
  type ExecutionState,
  type ExecutionSummary,
  type JobId,
  type JobSpec,
  type JobSummary,
  type PauseReason,
} from '../../../shared/domain/job';
import type { StepServices } from '../drivers/device-driver';
import { DeviceError } from '../device-error';
import type { DriverRegistry } from '../drivers/driver-registry';
import { DomainError } from '../errors';
import type { Clock, EventSink, Logger } from '../ports';
import type { DeviceLookup } from './device-lookup';
import type { AbortBaseline } from './job-store';
import { abortDecision, gateDecision } from './run-decisions';
import { DispatchGates, laneOf } from './dispatch-gates';
import {
  isTerminalExecution,
  isTerminalJob,
  reduceExecution,
  reduceJob,
  type ExecutionEvent,
  type JobEvent,
  type JobRunState,
} from './job-state';
import type { JournalWriter } from './journal-writer';
import { nextAllowedTime } from './schedule-window';
import { CancelRequested, ShutdownRequested } from './step-runner';
import { InFlightTasks } from './in-flight-tasks';
import { DeviceRunner } from './device-runner';
import { RunLedger } from './run-ledger';
import { RunView } from './run-view';
import { Announcements } from './announcements';
import { RunWaker } from './run-waker';
import { resolveTarget, TargetBatch, type Resolved } from './job-targets';
import { offlineWords } from '../../../shared/domain/offline-words';
import { recordReadBack } from './read-back';

export interface JobRunDeps {
  journal: JournalWriter;
  devices: DeviceLookup;
  drivers: DriverRegistry;
  services: StepServices;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** Current target devices (smart groups re-resolved), for `includeNewMembers`. */
  resolveTargets: () => DeviceId[];
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

const TERMINAL: ReadonlySet<ExecutionState> = new Set(TERMINAL_EXECUTION_STATES);
type Picked = { id: DeviceId; resolved: Resolved | DeviceError };

/**
 * One job in this process: decides which device starts when (waves, gates, limits, retries, offline devices),
 * runs its steps through the driver, and records every transition in the journal before acting on it.
 */
export class JobRun {
  readonly spec: JobSpec;
  private run: JobRunState;
  private summary: JobSummary;
  private readonly ledger = new RunLedger();
  private readonly inFlight = new InFlightTasks();
  private readonly gates: DispatchGates;
  private readonly runner: DeviceRunner;
  private baseline: AbortBaseline;
  private stopping = false;
  private readonly waker: RunWaker;
  private unsent: { written: Promise<void>; executions: ExecutionSummary[] } | null = null;
  private readonly announcements: Announcements;
  private readonly view: RunView;
  /** When this process took the job over (created it, or found it after a restart). */
  private readonly activeSince: number;
  private settledResolve!: () => void;
  /** Resolves once the job has ended (completed or canceled) or this process stops running it. */
  readonly settled = new Promise<void>((resolve) => (this.settledResolve = resolve));

  constructor(
    private readonly deps: JobRunDeps,
    init: JobRunInit,
  ) {
    this.spec = init.spec;
    this.summary = init.summary;
    this.run = {
      state: init.summary.state,
      pauseReason: init.summary.pauseReason,
      pauseMessage: init.summary.pauseMessage,
      currentWave: init.summary.currentWave,
    };
    this.activeSince = deps.clock.now();
    this.view = new RunView(init.spec.policy, this.activeSince, deps.clock);
    this.gates = new DispatchGates(init.spec.policy);
    this.runner = new DeviceRunner({
      spec: init.spec,
      services: deps.services,
      gates: this.gates,
      clock: deps.clock,
      logger: deps.logger,
      random: deps.random,
      current: (id) => this.ledger.get(id)!,
      commit: (before, event, name) => this.commit(before, event, name),
      record: (before, event, name) => this.apply(before, event, name),
      start: (id) => this.start(id),
      showProgress: (id, progress) => {
        const live = {
          ...this.ledger.get(id)!,
          progress: { message: progress.message, percent: progress.percent ?? null },
        };
        this.ledger.showProgress(live);
        this.emit([live]);
      },
      resolveTarget: (id) => resolveTarget(id, deps.devices.jobTarget(id), deps.drivers),
      readBack: (resolved, signal) => recordReadBack(deps, resolved, signal),
      waitingSince: () => Math.max(this.summary.startedAt ?? 0, this.activeSince),
      stepSent: (id, on) => this.inFlight.stepSent(id, on),
      stopRequested: (id) => this.run.state === 'canceling' || this.inFlight.isStopAsked(id),
    });
    this.baseline = init.abortBaseline ?? { succeeded: 0, failed: 0, byReason: {} };
    this.waker = new RunWaker({
      journal: deps.journal,
      clock: deps.clock,
      tickMs: deps.tickMs,
      pump: () => this.safePump(),
      onTick: () => this.onTick(),
    });
    this.announcements = new Announcements({
      ahead: init.spec.policy.concurrency,
      announce: (deviceIds, at) => deps.journal.write({ kind: 'announce', jobId: this.id, deviceIds, at }),
      onError: (error) => deps.logger.error('journal write failed', { jobId: this.id, error: String(error) }),
    });
    for (const e of init.executions) this.ledger.add(e);
  }

  get id(): JobId {
    return this.summary.id;
  }

  current(): JobSummary {
    return this.view.shown(this.run, this.summary, this.ledger);
  }

  /** Picks up where the stored state is: arms the schedule, resumes work, or finishes a cancel. */
  begin(): void {
    this.waker.start();
    if (this.run.state === 'canceling') this.cancelRemaining();
    else if (this.run.state === 'scheduled' || this.run.state === 'running') this.pump();
    this.emit([]);
  }

  pause(reason: PauseReason = 'user', message = 'paused by the technician'): void {
    if (this.run.state !== 'running' && this.run.state !== 'scheduled') {
      throw new DomainError('CONFLICT', `job is ${this.run.state}, not running`);
    }
    this.applyJob({ type: 'pause', reason, message }, 'paused');
  }

  resume(): void {
    if (this.run.state !== 'paused')
      throw new DomainError('CONFLICT', `job is ${this.run.state}, not paused`);
    // The abort threshold judges what happens from here on, not the failures that made it stop.
    const c = this.summary.counts;
    this.baseline = {
      succeeded: c.succeeded,
      failed: c.failed + c['timed-out'],
      byReason: { ...this.ledger.failedByReason },
    };
    this.applyJob({ type: 'resume' }, 'resumed', { abortBaseline: this.baseline });
    this.pump();
  }

  nextWave(): void {
    const last = this.ledger.waveCount - 1;
    if (this.run.currentWave >= last) throw new DomainError('CONFLICT', 'this is the last wave');
    if (this.run.state !== 'running' && this.run.state !== 'paused') {
      throw new DomainError('CONFLICT', `job is ${this.run.state}`);
    }
    this.applyJob({ type: 'open-wave', wave: this.run.currentWave + 1 }, 'wave-opened');
    this.pump();
  }

  cancel(): void {
    if (this.run.state === 'canceling' || isTerminalJob(this.run.state)) {
      throw new DomainError('CONFLICT', `job is ${this.run.state}`);
    }
    this.applyJob({ type: 'cancel-requested' }, 'cancel-requested');
    this.cancelRemaining();
  }

  controlDevice(deviceId: DeviceId, action: 'hold' | 'release' | 'cancel'): ExecutionSummary {
    const exec = this.ledger.get(deviceId);
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
      const after = this.apply(exec, event, `device-${action}`);
      // The job waited only for this decision.
      if (this.run.state === 'paused' && this.run.pauseReason === 'needs-decision' && action !== 'hold') {
        this.resume();
      } else this.pump();
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
    this.stopping = true;
    this.waker.stop();
    this.inFlight.abortAll(new ShutdownRequested('app stopping'));
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 5));
    this.settledResolve();
  }

  // ——— scheduling ———

  private pump(): void {
    if (this.stopping) return;
    const now = this.deps.clock.now();
    const policy = this.spec.policy;
    if (this.run.state === 'scheduled' || this.run.state === 'running') {
      const allowedAt = nextAllowedTime(now, policy.schedule);
      if (allowedAt > now) return this.waker.at(allowedAt);
      if (this.run.state === 'scheduled') {
        this.applyJob({ type: 'begin' }, 'job-started', { startedAt: this.summary.startedAt ?? now });
      }
    }
    if (this.run.state !== 'running') return;
    this.startRecoveries();
    const targets = new TargetBatch(
      (ids) => this.deps.devices.jobTargets(ids),
      policy.concurrency - this.inFlight.size,
    );
    while (this.inFlight.size < policy.concurrency) {
      const startAt = this.gates.nextStartAt();
      if (startAt > now) {
        this.waker.at(startAt);
        break;
      }
      const picked = this.pickReady(now, targets);
      if (!picked) break;
      this.launch(picked.id, picked.resolved);
    }
    this.announcements.topUp(
      this.ledger.inLine(this.run.currentWave, now, (id) => this.inFlight.has(id)),
      now,
    );
    this.checkProgress();
  }

  private safePump(): void {
    try {
      this.pump();
    } catch (error) {
      this.deps.logger.error('job scheduling failed', { jobId: this.id, error: String(error) });
    }
  }

  private startRecoveries(): void {
    for (const id of this.ledger.unknown) {
      if (this.inFlight.size >= this.spec.policy.concurrency) return;
      if (this.ledger.get(id)!.held || this.inFlight.has(id)) continue;
      this.launchTask(id, 'recovery', (task) => this.runner.recover(id, task));
    }
  }

  /** The next device allowed to start now, from the open waves in order; devices found offline are parked. */
  private pickReady(now: number, targets: TargetBatch): Picked | null {
    let earliestRetry = Number.POSITIVE_INFINITY;
    for (let wave = 0; wave <= this.run.currentWave && wave < this.ledger.waveCount; wave++) {
      const queue = this.ledger.ready[wave]!;
      for (let i = 0; i < queue.length; i++) {
        const id = queue[i]!;
        const exec = this.ledger.get(id)!;
        if (exec.state !== 'queued' || exec.held) {
          queue.splice(i--, 1);
          continue;
        }
        // Queued again (a retry) while its task is still winding down: start it once that task is gone.
        if (this.inFlight.has(id)) continue;
        if (exec.notBefore !== null && exec.notBefore > now) {
          earliestRetry = Math.min(earliestRetry, exec.notBefore);
          continue;
        }
        const device = targets.get(queue, i);
        if (device && !device.online) {
          queue.splice(i--, 1);
          this.parkOffline(exec, now, offlineWords(device.offlineReason));
          continue;
        }
        const resolved = resolveTarget(id, device, this.deps.drivers);
        if (!(resolved instanceof DeviceError) && this.gates.laneFull(laneOf(resolved.target))) continue;
        queue.splice(i, 1);
        return { id, resolved };
      }
    }
    if (earliestRetry < Number.POSITIVE_INFINITY) this.waker.at(earliestRetry);
    return null;
  }

  private start(id: DeviceId): ExecutionSummary | Promise<ExecutionSummary> {
    const before = this.ledger.get(id)!;
    const event: ExecutionEvent = { type: 'started', at: this.deps.clock.now() };
    if (this.announcements.take(id)) return this.apply(before, event, 'started');
    return this.commit(before, event, 'started');
  }

  /** `why` is the inventory's reason in words, so the job row and the inventory say the same. */
  private parkOffline(exec: ExecutionSummary, at: number, why: string): void {
    if (this.spec.policy.offline.mode === 'skip') {
      this.apply(exec, { type: 'skipped', at, reason: 'offline', message: why }, 'skipped');
    } else this.apply(exec, { type: 'went-offline', at, message: why }, 'went-offline');
  }

  private launch(id: DeviceId, resolved: Resolved | DeviceError): void {
    const lane = resolved instanceof DeviceError ? 'none' : laneOf(resolved.target);
    this.gates.enter(lane, this.deps.clock.now());
    this.launchTask(id, lane, (task) => this.runner.run(id, resolved, task));
  }

  private launchTask(id: DeviceId, lane: string, task: (controller: AbortController) => Promise<void>): void {
    const controller = this.inFlight.add(id);
    task(controller)
      .catch((error: unknown) => {
        if (error instanceof CancelRequested || error instanceof ShutdownRequested) return;
        this.deps.logger.error('job task failed', { jobId: this.id, deviceId: id, error: String(error) });
      })
      .finally(() => {
        if (lane !== 'recovery') this.gates.leave(lane);
        // Canceled alone while its step ran: a retry the step's failure queued is not started either.
        if (this.inFlight.remove(id) && !this.stopping) this.cancelLeftover(this.ledger.get(id)!);
        // Stopping: what was in flight stays as the journal says, to be verified at the next start.
        if (this.stopping) return;
        if (this.run.state === 'canceling') this.cancelRemaining();
        else this.waker.beforeCommit();
      });
  }

  // ——— progress, gates, abort ———

  private checkProgress(): void {
    if (this.run.state !== 'running' || this.stopping) return;
    const nonTerminal =
      this.summary.total - TERMINAL_EXECUTION_STATES.reduce((n, s) => n + this.summary.counts[s], 0);
    if (nonTerminal === 0 && this.inFlight.size === 0) {
      this.finish(this.applyJob({ type: 'drained' }, 'completed'));
      return;
    }
    const wave = this.run.currentWave;
    const openActive = this.ledger.activeUpTo(wave);
    if (openActive > 0 || this.inFlight.size > 0) return;
    if (wave < this.ledger.waveCount - 1) return this.gate(wave);
    if (this.summary.counts['waiting-offline'] > 0) return;
    this.applyJob(
      {
        type: 'pause',
        reason: 'needs-decision',
        message: `${nonTerminal} device(s) are held: release or cancel them`,
      },
      'paused',
    );
  }

  private gate(wave: number): void {
    const event = gateDecision(this.spec.policy, wave, this.ledger.outcomes(wave));
    void this.applyJob(event, event.type === 'open-wave' ? 'wave-opened' : 'paused');
    if (event.type === 'open-wave') this.pump();
  }

  private checkAbort(): void {
    if (this.run.state !== 'running') return;
    const { counts } = this.summary;
    const event = abortDecision(this.spec.policy, counts, this.ledger.failedByReason, this.baseline);
    if (!event) return;
    void this.applyJob(event, 'abort-threshold');
    if (event.type === 'cancel-requested') this.cancelRemaining();
  }

  /** Cancels a device that is not done, unless it is unknown and waits for its check (`startRecoveries`). */
  private cancelLeftover(e: ExecutionSummary): void {
    if (isTerminalExecution(e.state) || (e.state === 'unknown' && !e.held)) return;
    this.apply(e, { type: 'canceled', at: this.deps.clock.now() }, 'canceled');
  }

  private cancelRemaining(): void {
    // Found canceling after a crash: a step that was in flight is checked before the device is let go.
    this.startRecoveries();
    for (const id of this.inFlight.ids()) this.inFlight.stop(id, 'job canceled');
    for (const exec of this.ledger.values()) if (!this.inFlight.has(exec.deviceId)) this.cancelLeftover(exec);
    if (this.inFlight.size === 0 && this.run.state === 'canceling') {
      this.finish(this.applyJob({ type: 'drained' }, 'canceled'));
    }
  }

  private onTick(): void {
    if (this.run.state !== 'running') return;
    const now = this.deps.clock.now();
    const { deadlineMs } = this.spec.policy.offline;
    for (const exec of this.ledger.values()) {
      if (exec.state !== 'waiting-offline') continue;
      // A device waits from when it went away, but never from before this process took the job over: after
      // a long crash, devices not rediscovered yet must not be given up at once.
      const waitingSince = Math.max(exec.updatedAt, this.activeSince);
      if (this.deps.devices.jobTarget(exec.deviceId)?.online) {
        this.apply(exec, { type: 'came-online', at: now }, 'came-online');
      } else if (now >= waitingSince + deadlineMs) {
        const minutes = Math.round(this.spec.policy.offline.deadlineMs / 60_000);
        this.apply(
          exec,
          { type: 'not-reached', at: now, message: `offline for the whole deadline (${minutes} min)` },
          'not-reached',
        );
      }
    }
    if (this.spec.targets.includeNewMembers) this.addNewMembers(now);
    this.pump();
  }

  private addNewMembers(at: number): void {
    const wave = this.ledger.waveCount - 1;
    const added = this.deps
      .resolveTargets()
      .filter((id) => !this.ledger.has(id))
      .map((id) => ({ id, name: this.deps.devices.label(id) ?? id, wave, skip: null }));
    if (added.length === 0) return;
    const append = { kind: 'append', jobId: this.id, at, firstPosition: this.ledger.size } as const;
    const written = this.deps.journal.write({ ...append, devices: added });
    for (const d of added) this.ledger.add(blankExecution(d.id, d.name, d.wave, at));
    this.summary = { ...this.summary, total: this.summary.total + added.length };
    for (const d of added) this.emitWhenWritten(written, this.ledger.get(d.id)!);
  }

  // ——— bookkeeping ———

  /** Reduce and account in memory at once; the journal write follows in this tick's group commit. */
  private apply(before: ExecutionSummary, event: ExecutionEvent, name: string): ExecutionSummary {
    return this.applyWritten(before, event, name).after;
  }

  /** Like apply, and resolves once the change is on disk: callers act only after that. */
  private async commit(
    before: ExecutionSummary,
    event: ExecutionEvent,
    name: string,
  ): Promise<ExecutionSummary> {
    const { after, written } = this.applyWritten(before, event, name);
    await written;
    return after;
  }

  private applyWritten(
    before: ExecutionSummary,
    event: ExecutionEvent,
    name: string,
  ): { after: ExecutionSummary; written: Promise<void> } {
    const after = reduceExecution(before, event);
    this.ledger.replace(before, after);
    const counts: ExecutionCounts = { ...this.summary.counts };
    counts[before.state] -= 1;
    counts[after.state] += 1;
    this.summary = { ...this.summary, counts };
    const written = this.deps.journal.write({
      kind: 'execution',
      jobId: this.id,
      position: this.ledger.positionOf(before.deviceId),
      before,
      after,
      event: name,
    });
    this.emitWhenWritten(written, after);
    if (TERMINAL.has(after.state) && !TERMINAL.has(before.state)) this.checkAbort();
    return { after, written };
  }

  /** Executions are shown once their group commit is on disk, all of one commit in one event. */
  private emitWhenWritten(written: Promise<void>, after: ExecutionSummary): void {
    if (this.unsent?.written === written) {
      this.unsent.executions.push(after);
      return;
    }
    const unsent = { written, executions: [after] };
    this.unsent = unsent;
    written.then(
      () => this.emit(unsent.executions),
      (error: unknown) =>
        this.deps.logger.error('journal write failed', { jobId: this.id, error: String(error) }),
    );
  }

  private applyJob(
    event: JobEvent,
    name: string,
    extra: { startedAt?: number; abortBaseline?: AbortBaseline } = {},
  ): Promise<void> {
    const from = this.run.state;
    this.run = reduceJob(this.run, event);
    const at = this.deps.clock.now();
    this.summary = {
      ...this.summary,
      state: this.run.state,
      pauseReason: this.run.pauseReason,
      pauseMessage: this.run.pauseMessage,
      currentWave: this.run.currentWave,
      startedAt: extra.startedAt ?? this.summary.startedAt,
      finishedAt: isTerminalJob(this.run.state) ? at : null,
    };
    const written = this.deps.journal.write({
      kind: 'job',
      jobId: this.id,
      at,
      event: name,
      from,
      to: this.run.state,
      fields: {
        pauseReason: this.run.pauseReason,
        pauseMessage: this.run.pauseMessage,
        currentWave: this.run.currentWave,
        startedAt: this.summary.startedAt,
        finishedAt: this.summary.finishedAt,
        abortBaseline: extra.abortBaseline,
      },
    });
    written.catch((error: unknown) =>
      this.deps.logger.error('journal write failed', { jobId: this.id, error: String(error) }),
    );
    this.emit([]);
    return written;
  }

  /** The job has ended: settled once its last state is on disk. */
  private finish(written: Promise<void>): void {
    this.waker.stop();
    void written.finally(() => this.settledResolve());
  }

  private emit(executions: ExecutionSummary[]): void {
    this.deps.events.emit('jobs.progressed', { job: this.current(), executions });
  }
}
