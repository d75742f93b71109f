import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobSpec } from '../../../shared/domain/job';
import { offlineWords } from '../../../shared/domain/offline-words';
import { DeviceError } from '../device-error';
import type { StepServices } from '../drivers/device-driver';
import type { DriverRegistry } from '../drivers/driver-registry';
import type { Clock, Logger } from '../ports';
import { Announcements } from './announcements';
import type { DeviceLookup } from './device-lookup';
import { DeviceRunner, type DeviceRunnerHost } from './device-runner';
import { DispatchGates, laneOf } from './dispatch-gates';
import type { InFlightTasks } from './in-flight-tasks';
import type { ExecutionEvent } from './job-state';
import { resolveTarget, TargetBatch, type Resolved } from './job-targets';
import type { JournalWriter } from './journal-writer';
import type { OfflineDeferral } from './offline-deferral';
import type { RunBooks } from './run-books';
import type { RunWaker } from './run-waker';
import { nextAllowedTime } from './schedule-window';
import { CancelRequested, ShutdownRequested } from './step-runner';

export interface RunSchedulerDeps {
  spec: JobSpec;
  books: RunBooks;
  inFlight: InFlightTasks;
  offline: Pick<OfflineDeferral, 'park'>;
  waker: Pick<RunWaker, 'at'>;
  journal: JournalWriter;
  devices: Pick<DeviceLookup, 'jobTarget' | 'jobTargets'>;
  drivers: DriverRegistry;
  services: StepServices;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** Writes what a verified step read of the device into the inventory (./read-back.ts). */
  readBack: Pick<DeviceRunnerHost, 'recordReadBack' | 'identifyAfterCrash'>;
  /** When this process took the job over. */
  activeSince: number;
  /** A device's task has ended; `canceledAlone` when it was canceled while its step was on the device. */
  taskEnded: (id: DeviceId, canceledAlone: boolean) => void;
}

type Picked = { id: DeviceId; resolved: Resolved | DeviceError };

/**
 * Which device starts when: the job's schedule window, then devices of the open waves in order, as far as the
 * concurrency, lane, rate and retry limits allow; each started as a task of its own (`DeviceRunner`).
 */
export class RunScheduler {
  private readonly gates: DispatchGates;
  private readonly runner: DeviceRunner;
  private readonly announcements: Announcements;

  constructor(private readonly deps: RunSchedulerDeps) {
    const { spec, books, inFlight, clock, logger } = deps;
    this.gates = new DispatchGates(spec.policy);
    this.runner = new DeviceRunner({
      spec,
      services: deps.services,
      gates: this.gates,
      clock,
      logger,
      random: deps.random,
      current: (id) => books.ledger.get(id)!,
      commit: (before, event, name) => books.commit(before, event, name),
      record: (before, event, name) => books.apply(before, event, name),
      start: (id) => this.start(id),
      showProgress: (id, progress) => books.showProgress(id, progress),
      resolveTarget: (id) => resolveTarget(id, deps.devices.jobTarget(id), deps.drivers),
      recordReadBack: (target, readBack) => deps.readBack.recordReadBack(target, readBack),
      identifyAfterCrash: (resolved, signal) => deps.readBack.identifyAfterCrash(resolved, signal),
      waitingSince: () => Math.max(books.summary.startedAt ?? 0, deps.activeSince),
      stepSent: (id, on) => inFlight.stepSent(id, on),
      stopRequested: (id) => books.run.state === 'canceling' || inFlight.isStopAsked(id),
    });
    this.announcements = new Announcements({
      ahead: spec.policy.concurrency,
      announce: (deviceIds, at) => deps.journal.write({ kind: 'announce', jobId: books.id, deviceIds, at }),
      onError: (error) => logger.error('journal write failed', { jobId: books.id, error: String(error) }),
    });
  }

  /** One scheduling pass; true when the job is running after it (its progress is then worth a look). */
  pass(): boolean {
    const { books, inFlight, clock, spec } = this.deps;
    const now = clock.now();
    const { policy } = spec;
    if (books.run.state === 'scheduled' || books.run.state === 'running') {
      const allowedAt = nextAllowedTime(now, policy.schedule);
      if (allowedAt > now) {
        this.deps.waker.at(allowedAt);
        return false;
      }
      if (books.run.state === 'scheduled') {
        books.applyJob({ type: 'begin' }, 'job-started', { startedAt: books.summary.startedAt ?? now });
      }
    }
    if (books.run.state !== 'running') return false;
    this.startRecoveries();
    const targets = new TargetBatch(
      (ids) => this.deps.devices.jobTargets(ids),
      policy.concurrency - inFlight.size,
    );
    while (inFlight.size < policy.concurrency) {
      const startAt = this.gates.nextStartAt();
      if (startAt > now) {
        this.deps.waker.at(startAt);
        break;
      }
      const picked = this.pickReady(now, targets);
      if (!picked) break;
      this.launch(picked.id, picked.resolved);
    }
    const inLine = books.ledger.inLine(books.run.currentWave, now, (id) => inFlight.has(id));
    this.announcements.topUp(inLine, now);
    return true;
  }

  /** Re-verifies, as slots allow, the steps that were in flight at a crash (devices `unknown`, not held). */
  startRecoveries(): void {
    const { books, inFlight, spec } = this.deps;
    for (const id of books.ledger.unknown) {
      if (inFlight.size >= spec.policy.concurrency) return;
      if (books.ledger.get(id)!.held || inFlight.has(id)) continue;
      this.launchTask(id, 'recovery', (task) => this.runner.recover(id, task));
    }
  }

  /** The next device allowed to start now, from the open waves in order; devices found offline are parked. */
  private pickReady(now: number, targets: TargetBatch): Picked | null {
    const { books, inFlight } = this.deps;
    const { ledger } = books;
    let earliestRetry = Number.POSITIVE_INFINITY;
    for (let wave = 0; wave <= books.run.currentWave && wave < ledger.waveCount; wave++) {
      const queue = ledger.ready[wave]!;
      for (let i = 0; i < queue.length; i++) {
        const id = queue.at(i);
        const exec = ledger.get(id)!;
        if (exec.state !== 'queued' || exec.held) {
          queue.removeAt(i--);
          continue;
        }
        // Queued again (a retry) while its task is still winding down: start it once that task is gone.
        if (inFlight.has(id)) continue;
        if (exec.notBefore !== null && exec.notBefore > now) {
          earliestRetry = Math.min(earliestRetry, exec.notBefore);
          continue;
        }
        const device = targets.get(queue, i);
        if (device && !device.online) {
          queue.removeAt(i--);
          this.deps.offline.park(exec, now, offlineWords(device.offlineReason));
          continue;
        }
        const resolved = resolveTarget(id, device, this.deps.drivers);
        if (!(resolved instanceof DeviceError) && this.gates.laneFull(laneOf(resolved.target))) continue;
        queue.removeAt(i);
        return { id, resolved };
      }
    }
    if (earliestRetry < Number.POSITIVE_INFINITY) this.deps.waker.at(earliestRetry);
    return null;
  }

  /**
   * Starts the device: at once when an announcement already on disk says it may start, else once its
   * "running" row is on disk.
   */
  private start(id: DeviceId): ExecutionSummary | Promise<ExecutionSummary> {
    const { books, clock } = this.deps;
    const before = books.ledger.get(id)!;
    const event: ExecutionEvent = { type: 'started', at: clock.now() };
    if (this.announcements.take(id)) return books.apply(before, event, 'started');
    return books.commit(before, event, 'started');
  }

  private launch(id: DeviceId, resolved: Resolved | DeviceError): void {
    const lane = resolved instanceof DeviceError ? 'none' : laneOf(resolved.target);
    this.gates.enter(lane, this.deps.clock.now());
    this.launchTask(id, lane, (task) => this.runner.run(id, resolved, task));
  }

  private launchTask(id: DeviceId, lane: string, task: (controller: AbortController) => Promise<void>): void {
    const { inFlight, logger, books } = this.deps;
    const controller = inFlight.add(id);
    task(controller)
      .catch((error: unknown) => {
        if (error instanceof CancelRequested || error instanceof ShutdownRequested) return;
        logger.error('job task failed', { jobId: books.id, deviceId: id, error: String(error) });
      })
      .finally(() => {
        if (lane !== 'recovery') this.gates.leave(lane);
        this.deps.taskEnded(id, inFlight.remove(id));
      });
  }
}
