import { setMaxListeners } from 'node:events';
import { deviceLabel, type DeviceId } from '../../../shared/domain/device';
import type {
  ExecutionCounts,
  ExecutionSummary,
  JobDetail,
  JobId,
  JobSpec,
  JobState,
  JobSummary,
} from '../../../shared/domain/job';
import {
  StepDeadlineExceeded,
  type DeviceDriver,
  type DeviceTarget,
  type StepProgress,
  type StepResult,
  type StepServices,
} from '../drivers/device-driver';
import { DeviceError } from '../drivers/device-error';
import type { DriverRegistry } from '../drivers/driver-registry';
import { DomainError } from '../errors';
import type { Clock, EventSink, IdSource, Logger } from '../ports';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { JobRepository } from '../storage/repositories/job-repository';
import { isTerminalJob, reduceExecution, reduceJob, type ExecutionEvent, type JobEvent } from './job-state';

export interface JobEngineDeps {
  /** What drivers may use while running this job's steps (firmware, credentials, artifacts). */
  services: (jobId: JobId) => StepServices;
  jobs: JobRepository;
  devices: DeviceRepository;
  drivers: DriverRegistry;
  events: EventSink;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
}

type StepOutcome =
  | { kind: 'ok'; result: StepResult }
  | { kind: 'canceled' }
  | { kind: 'interrupted' }
  | { kind: 'failed'; error: DeviceError };

class CancelRequested extends Error {}
class ShutdownRequested extends Error {}

interface RunningJob {
  summary: JobSummary;
  spec: JobSpec;
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Runs jobs in this process. Every transition goes through the pure reducer, is written to SQLite (with its
 * journal row) before the step's side effect starts or is reported, and is then pushed as `jobs.progressed`.
 */
export class JobEngine {
  private readonly running = new Map<JobId, RunningJob>();

  constructor(private readonly deps: JobEngineDeps) {}

  /** Jobs left running by a previous process: steps in flight have an unknown outcome and become interrupted. */
  recoverAfterRestart(): void {
    const { jobs, clock, logger } = this.deps;
    for (const stored of jobs.unfinished()) {
      const at = clock.now();
      for (const exec of jobs.executions(stored.id)) {
        if (exec.state === 'running') {
          jobs.saveExecution(
            stored.id,
            exec,
            reduceExecution(exec, { type: 'interrupted', at }),
            'interrupted',
          );
        }
      }
      const next = reduceJob(stored.state, { type: 'interrupted' });
      jobs.saveJobState(stored.id, stored.state, next, at, 'interrupted');
      logger.warn('job interrupted by a restart', { jobId: stored.id, state: next });
    }
  }

  start(spec: JobSpec): JobId {
    const { jobs, devices, clock, ids } = this.deps;
    const deviceIds = [...new Set(spec.targets.deviceIds)];
    const targets = deviceIds.map((id) => ({ id, device: devices.get(id) }));
    const unknown = targets.filter((t) => !t.device).map((t) => t.id);
    if (unknown.length > 0) {
      throw new DomainError('NOT_FOUND', `${unknown.length} target device(s) are not in the inventory`, {
        unknown,
      });
    }
    const id = ids.next('job') as JobId;
    const at = clock.now();
    jobs.create({ id, spec, at, devices: targets.map((t) => ({ id: t.id, name: deviceLabel(t.device!) })) });
    const summary = jobs.summary(id)!;
    const abort = new AbortController();
    // Every step in flight listens on the job's signal; that is expected, not a leak.
    setMaxListeners(spec.policy.concurrency + 16, abort.signal);
    const running: RunningJob = { summary, spec, abort, done: Promise.resolve() };
    this.running.set(id, running);
    this.emit(running, []);
    running.done = this.run(running).catch((error: unknown) => {
      this.deps.logger.error('job runner crashed', { jobId: id, error: String(error) });
    });
    return id;
  }

  cancel(jobId: JobId): JobState {
    const job = this.running.get(jobId);
    if (!job) {
      const stored = this.deps.jobs.find(jobId);
      if (!stored) throw new DomainError('NOT_FOUND', `no job ${jobId}`);
      throw new DomainError('CONFLICT', `job ${jobId} is ${stored.state}, not running`);
    }
    if (job.summary.state === 'canceling') return job.summary.state;
    this.applyJobEvent(job, { type: 'cancel-requested' }, 'cancel-requested');
    job.abort.abort(new CancelRequested('canceled by the user'));
    return job.summary.state;
  }

  list(): JobSummary[] {
    return this.deps.jobs.list();
  }

  get(jobId: JobId): JobDetail {
    const detail = this.deps.jobs.detail(jobId);
    if (!detail) throw new DomainError('NOT_FOUND', `no job ${jobId}`);
    return detail;
  }

  /** Resolves when the job's runner has finished (tests, shutdown). */
  async whenSettled(jobId: JobId): Promise<void> {
    await this.running.get(jobId)?.done;
  }

  /** Stops every running job: steps in flight are aborted and recorded as interrupted. */
  async shutdown(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const job of jobs) job.abort.abort(new ShutdownRequested('the app is shutting down'));
    await Promise.all(jobs.map((job) => job.done));
  }

  private async run(job: RunningJob): Promise<void> {
    const queue = this.deps.jobs.executions(job.summary.id).filter((e) => e.state === 'queued');
    const worker = async () => {
      while (!job.abort.signal.aborted) {
        const next = queue.shift();
        if (!next) return;
        await this.runExecution(job, next);
      }
    };
    await Promise.all(Array.from({ length: Math.min(job.spec.policy.concurrency, queue.length) }, worker));
    const reason = job.abort.signal.reason;
    if (reason instanceof ShutdownRequested) {
      this.applyJobEvent(job, { type: 'interrupted' }, 'interrupted');
    } else {
      for (const exec of queue)
        this.transition(job, exec, { type: 'canceled', at: this.deps.clock.now() }, 'canceled');
      this.applyJobEvent(job, { type: 'drained' }, 'drained');
    }
    this.running.delete(job.summary.id);
  }

  private async runExecution(job: RunningJob, queued: ExecutionSummary): Promise<void> {
    const { clock } = this.deps;
    let exec = this.transition(job, queued, { type: 'started', at: clock.now() }, 'started');
    const resolved = this.resolveTarget(exec.deviceId);
    if (resolved instanceof DeviceError) {
      this.fail(job, exec, resolved);
      return;
    }
    const { driver, target } = resolved;
    const steps = job.spec.steps;
    for (let index = exec.stepIndex; index < steps.length; index++) {
      const step = steps[index]!;
      if (!driver.capabilities.includes(step.action)) {
        this.fail(
          job,
          exec,
          new DeviceError('unsupported', `${driver.family} devices cannot ${step.action}`),
        );
        return;
      }
      const services = this.deps.services(job.summary.id);
      const onProgress = (progress: StepProgress) => {
        exec = { ...exec, progress: { message: progress.message, percent: progress.percent ?? null } };
        this.emit(job, [exec]);
      };
      const outcome = await this.runStep(job, (signal) =>
        driver.runStep(step, target, { signal, onProgress, services, credentials: null }),
      );
      if (outcome.kind === 'failed') {
        this.fail(job, exec, outcome.error);
        return;
      }
      if (outcome.kind !== 'ok') {
        this.transition(job, exec, { type: outcome.kind, at: clock.now() }, outcome.kind);
        return;
      }
      const event: ExecutionEvent = {
        type: 'step-succeeded',
        at: clock.now(),
        totalSteps: steps.length,
        result: outcome.result.summary,
        artifactId: outcome.result.artifactId,
      };
      exec = this.transition(job, exec, event, 'step-succeeded');
    }
  }

  /** Runs one step under the job's abort signal and the step's deadline; never throws. */
  private async runStep(
    job: RunningJob,
    run: (signal: AbortSignal) => Promise<StepResult>,
  ): Promise<StepOutcome> {
    const controller = new AbortController();
    const onJobAbort = () => controller.abort(job.abort.signal.reason);
    job.abort.signal.addEventListener('abort', onJobAbort, { once: true });
    const budget = job.spec.policy.stepTimeoutMs;
    const timer = setTimeout(
      () => controller.abort(new StepDeadlineExceeded(`step took longer than ${budget} ms`)),
      budget,
    );
    try {
      return { kind: 'ok', result: await run(controller.signal) };
    } catch (error) {
      const reason: unknown = controller.signal.reason;
      if (reason instanceof CancelRequested) return { kind: 'canceled' };
      if (reason instanceof ShutdownRequested) return { kind: 'interrupted' };
      if (error instanceof DeviceError) return { kind: 'failed', error };
      if (reason instanceof StepDeadlineExceeded)
        return { kind: 'failed', error: new DeviceError('timeout', reason.message) };
      this.deps.logger.error('driver threw an unexpected error', {
        jobId: job.summary.id,
        error: String(error),
      });
      return {
        kind: 'failed',
        error: new DeviceError('internal', `unexpected error: ${(error as Error).message}`),
      };
    } finally {
      clearTimeout(timer);
      job.abort.signal.removeEventListener('abort', onJobAbort);
    }
  }

  private resolveTarget(deviceId: DeviceId): { driver: DeviceDriver; target: DeviceTarget } | DeviceError {
    const device = this.deps.devices.get(deviceId);
    if (!device) return new DeviceError('unknown-device', 'the device is no longer in the inventory');
    const driver = this.deps.drivers.get(device.family);
    if (!driver) return new DeviceError('unsupported', `no driver for ${device.family}`);
    const endpoints = this.deps.devices.endpoints(deviceId).map((e) => e.endpoint);
    if (endpoints.length === 0) return new DeviceError('unreachable', 'no known address for the device');
    return {
      driver,
      target: { id: deviceId, family: device.family, mac: device.mac, model: device.model, endpoints },
    };
  }

  private fail(job: RunningJob, exec: ExecutionSummary, error: DeviceError): void {
    this.transition(
      job,
      exec,
      { type: 'failed', at: this.deps.clock.now(), reason: error.reason, message: error.message },
      'failed',
    );
  }

  /** Reduce, persist, count, then tell the UI, in that order. */
  private transition(
    job: RunningJob,
    before: ExecutionSummary,
    event: ExecutionEvent,
    name: string,
  ): ExecutionSummary {
    const after = reduceExecution(before, event);
    this.deps.jobs.saveExecution(job.summary.id, before, after, name);
    const counts: ExecutionCounts = { ...job.summary.counts };
    counts[before.state] -= 1;
    counts[after.state] += 1;
    job.summary = { ...job.summary, counts };
    this.emit(job, [after]);
    return after;
  }

  private applyJobEvent(job: RunningJob, event: JobEvent, name: string): void {
    const from = job.summary.state;
    const to = reduceJob(from, event);
    const at = this.deps.clock.now();
    this.deps.jobs.saveJobState(job.summary.id, from, to, at, name);
    job.summary = { ...job.summary, state: to, finishedAt: isTerminalJob(to) ? at : null };
    this.emit(job, []);
  }

  private emit(job: RunningJob, executions: ExecutionSummary[]): void {
    this.deps.events.emit('jobs.progressed', { job: job.summary, executions });
  }
}
