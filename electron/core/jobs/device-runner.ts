import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobSpec } from '../../../shared/domain/job';
import { abortableSleep } from '../drivers/abortable-sleep';
import type { DeviceTarget, StepProgress, StepReadBack, StepServices } from '../drivers/device-driver';
import { DeviceError } from '../device-error';
import type { Clock, Logger } from '../ports';
import { restartsDevice, type DispatchGates } from './dispatch-gates';
import type { ExecutionEvent } from './job-state';
import { nextRetryDelay } from './retry-policy';
import { verifyAfterCrash } from './step-recovery';
import { outcomeOf, runStepWithin } from './step-runner';
import type { Resolved } from './job-targets';

/** What a device's run needs from its job: the spec, the limits, and a journal it must write before acting. */
export interface DeviceRunnerHost {
  readonly spec: JobSpec;
  readonly services: StepServices;
  readonly gates: DispatchGates;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random: () => number;
  current(id: DeviceId): ExecutionSummary;
  /** Applies the transition and resolves once it is on disk: for changes a side effect follows. */
  commit(before: ExecutionSummary, event: ExecutionEvent, name: string): Promise<ExecutionSummary>;
  /**
   * Applies the transition; it reaches the disk in this tick's group commit. For changes nothing follows in
   * this task: the next device's start is committed in the same batch, so the slot is not held for an fsync.
   */
  record(before: ExecutionSummary, event: ExecutionEvent, name: string): ExecutionSummary;
  /**
   * Starts the device: at once when an announcement already on disk says it may start, else once its
   * "running" row is (a Promise). Either way the journal knows before the device is contacted.
   */
  start(id: DeviceId): ExecutionSummary | Promise<ExecutionSummary>;
  showProgress(id: DeviceId, progress: StepProgress): void;
  resolveTarget(id: DeviceId): Resolved | DeviceError;
  /** After a verified step: writes the identity its verification read into the inventory (./read-back.ts). */
  recordReadBack(target: DeviceTarget, readBack: StepReadBack | undefined): void;
  /** After a step in flight at a crash was found done: asks the device who it is now and records it. */
  identifyAfterCrash(resolved: Resolved, signal: AbortSignal): Promise<void>;
  /** Since when devices of this job may be waited for: its start, or this process taking it over. */
  waitingSince(): number;
  /** The step is on the device now (true) or has ended (false): a cancel then waits for it to finish. */
  stepSent(id: DeviceId, isOnDevice: boolean): void;
  /** The job or this device was canceled: no further step may be sent to it. */
  stopRequested(id: DeviceId): boolean;
}

/** Runs one device's steps through its driver (or re-verifies the one in flight at a crash), step by step. */
export class DeviceRunner {
  constructor(private readonly host: DeviceRunnerHost) {}

  async run(id: DeviceId, resolved: Resolved | DeviceError, task: AbortController): Promise<void> {
    const started = this.host.start(id);
    // An announced device goes on in this same turn: its step is sent before this tick's commit blocks.
    const exec = started instanceof Promise ? await started : started;
    if (resolved instanceof DeviceError) {
      await this.failStep(exec, resolved);
      return;
    }
    await this.runSteps(exec, resolved, task);
  }

  private async runSteps(first: ExecutionSummary, resolved: Resolved, task: AbortController): Promise<void> {
    const { driver, target } = resolved;
    let exec = first;
    const { steps, policy } = this.host.spec;
    while (exec.state === 'running') {
      if (this.host.stopRequested(exec.deviceId)) {
        this.stopBetweenSteps(exec);
        return;
      }
      const step = steps[exec.stepIndex]!;
      if (!driver.capabilities.includes(step.action)) {
        await this.failStep(
          exec,
          new DeviceError('unsupported', `${driver.family} devices cannot ${step.action}`),
        );
        return;
      }
      if (restartsDevice(step) && policy.rebootStaggerMs > 0) {
        const wait = this.host.gates.reserveRestart(this.host.clock.now());
        if (wait > 0) {
          try {
            await abortableSleep(wait, task.signal);
          } catch {
            await this.endAborted(exec, task.signal);
            return;
          }
        }
      }
      if (this.host.stopRequested(exec.deviceId)) {
        this.stopBetweenSteps(exec);
        return;
      }
      const onProgress = (progress: StepProgress) => this.host.showProgress(exec.deviceId, progress);
      this.host.stepSent(exec.deviceId, true);
      const outcome = await runStepWithin({
        driver,
        step,
        target,
        services: this.host.services,
        task,
        budgetMs: policy.stepTimeoutMs,
        onProgress,
        logger: this.host.logger,
      }).finally(() => this.host.stepSent(exec.deviceId, false));
      exec = this.host.current(exec.deviceId);
      if (outcome.kind === 'shutdown') return;
      if (outcome.kind === 'canceled') {
        this.host.record(exec, { type: 'canceled', at: this.host.clock.now() }, 'canceled');
        return;
      }
      if (outcome.kind === 'failed') {
        await this.failStep(exec, outcome.error);
        return;
      }
      // Before the row turns green, so the job and the inventory never disagree on what the device runs.
      this.host.recordReadBack(target, outcome.result.readBack);
      exec = this.host.current(exec.deviceId);
      const succeeded: ExecutionEvent = {
        type: 'step-succeeded',
        at: this.host.clock.now(),
        totalSteps: steps.length,
        result: outcome.result.summary,
        artifactId: outcome.result.artifactId,
      };
      const last = exec.stepIndex + 1 >= steps.length;
      exec = last
        ? this.host.record(exec, succeeded, 'step-succeeded')
        : await this.host.commit(exec, succeeded, 'step-succeeded');
    }
  }

  /** Canceled between two steps: what was done stays done (the message says how far it got). */
  private stopBetweenSteps(exec: ExecutionSummary): void {
    const { length } = this.host.spec.steps;
    const message =
      exec.stepIndex === 0
        ? 'canceled before its first step was sent'
        : `canceled after step ${exec.stepIndex} of ${length} finished; later steps were not sent`;
    this.host.record(exec, { type: 'canceled', at: this.host.clock.now(), message }, 'canceled');
  }

  private async endAborted(exec: ExecutionSummary, signal: AbortSignal): Promise<void> {
    const outcome = outcomeOf(signal.reason, signal, this.host.logger);
    if (outcome.kind === 'canceled')
      this.host.record(exec, { type: 'canceled', at: this.host.clock.now() }, 'canceled');
  }

  private async failStep(exec: ExecutionSummary, error: DeviceError): Promise<void> {
    const { retries, offline } = this.host.spec.policy;
    const at = this.host.clock.now();
    const delay = nextRetryDelay(retries, { reason: error.reason, attempt: exec.attempt }, this.host.random);
    const deadlinePassed = at >= this.host.waitingSince() + offline.deadlineMs;
    this.host.record(
      exec,
      {
        type: 'step-failed',
        at,
        reason: error.reason,
        message: error.message,
        retryAt: delay === null ? null : at + delay,
        maxAttempts: retries.max + 1,
        waitForDevice: error.reason === 'unreachable' && offline.mode === 'defer' && !deadlinePassed,
      },
      'step-failed',
    );
  }

  /** Re-verifies a step that was in flight when the app died, before anything is sent again. */
  async recover(id: DeviceId, task: AbortController): Promise<void> {
    const { signal } = task;
    const exec = this.host.current(id);
    const at = () => this.host.clock.now();
    const resolved = this.host.resolveTarget(id);
    if (resolved instanceof DeviceError) {
      await this.host.commit(
        exec,
        { type: 'verified-failed', at: at(), reason: resolved.reason, message: resolved.message },
        'verified',
      );
      return;
    }
    // The step may still be under way on the device: a cancel lets this check finish instead of guessing.
    this.host.stepSent(id, true);
    const verdict = await verifyAfterCrash(this.host.spec.steps[exec.stepIndex]!, {
      ...resolved,
      services: this.host.services,
      sentAt: exec.updatedAt,
      now: at,
      signal,
      readBudgetMs: this.host.spec.policy.stepTimeoutMs,
    })
      .catch((error: unknown) => {
        if (signal.aborted) return null;
        throw error;
      })
      .finally(() => this.host.stepSent(id, false));
    if (!verdict) return this.endAborted(this.host.current(id), signal);
    const current = this.host.current(id);
    switch (verdict.kind) {
      case 'done': {
        await this.host.identifyAfterCrash(resolved, signal);
        const next = await this.host.commit(
          this.host.current(id),
          {
            type: 'verified-done',
            at: at(),
            totalSteps: this.host.spec.steps.length,
            result: verdict.result,
          },
          'verified-done',
        );
        if (next.state === 'running') await this.runSteps(next, resolved, task);
        return;
      }
      case 'not-applied':
        await this.host.commit(current, { type: 'verified-not-applied', at: at() }, 'verified-not-applied');
        return;
      case 'failed':
        await this.host.commit(
          current,
          { type: 'verified-failed', at: at(), reason: 'not-verified', message: verdict.message },
          'verified-failed',
        );
        return;
      case 'undecidable':
        await this.host.commit(
          current,
          { type: 'hold', at: at(), message: verdict.message },
          'needs-decision',
        );
        return;
    }
  }
}
