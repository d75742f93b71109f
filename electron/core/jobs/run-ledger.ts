import type { DeviceId } from '../../../shared/domain/device';
import {
  blankExecution,
  type ExecutionSummary,
  type JobId,
  type JobSpec,
  type JobSummary,
  type WaveSummary,
} from '../../../shared/domain/job';
import {
  jobSummary,
  summarize,
  tally,
  waveSummaries,
  type FailureTallies,
  type JobFacts,
  type JobTallies,
} from '../../../shared/domain/job-rules';
import type { NewExecution } from './job-store';
import type { JobRunState } from './job-state';
import { ReadyQueue } from './ready-queue';

/**
 * A run's executions in memory with the tallies the scheduler asks about on every transition (per wave: size,
 * active work, outcomes; failures per reason) and the ready queues, kept incrementally so no question scans
 * the whole job. The tallies start as `summarize` makes them and follow each transition with `tally`, so
 * they always equal `summarize` of the executions.
 */
export class RunLedger {
  private readonly execs = new Map<DeviceId, ExecutionSummary>();
  /** Each device's place in the job: executions are added in job order. */
  private readonly positions = new Map<DeviceId, number>();
  /** Devices ready to start, per wave, in job order; stale entries are dropped by the reader. */
  readonly ready: ReadyQueue[] = [];
  private readonly tallies: JobTallies;
  /** Steps in flight at a crash, waiting to be re-verified. */
  readonly unknown = new Set<DeviceId>();

  /** `executions`: the job's devices in position order. */
  constructor(executions: readonly ExecutionSummary[] = []) {
    this.tallies = summarize(executions);
    for (const e of executions) this.place(e);
  }

  get(id: DeviceId): ExecutionSummary | undefined {
    return this.execs.get(id);
  }

  has(id: DeviceId): boolean {
    return this.execs.has(id);
  }

  values(): IterableIterator<ExecutionSummary> {
    return this.execs.values();
  }

  /** Devices in the job. */
  get size(): number {
    return this.positions.size;
  }

  positionOf(id: DeviceId): number {
    return this.positions.get(id)!;
  }

  get waveCount(): number {
    return this.tallies.waves.length;
  }

  /** Failed or timed-out executions per reason. */
  get failedByReason(): FailureTallies {
    return this.tallies.failedByReason;
  }

  /** The tallies as kept (what `summarize` of the executions gives). */
  get tallied(): Readonly<JobTallies> {
    return this.tallies;
  }

  /** Active work in waves 0..wave. */
  activeUpTo(wave: number): number {
    return this.tallies.waves.slice(0, wave + 1).reduce((n, w) => n + w.active, 0);
  }

  /** Queued devices of waves 0..openWave in the order they would start, as far as they may start now. */
  *inLine(openWave: number, now: number, busy: (id: DeviceId) => boolean): Generator<DeviceId> {
    for (let wave = 0; wave <= openWave && wave < this.waveCount; wave++) {
      for (const id of this.ready[wave]!) {
        const exec = this.execs.get(id)!;
        if (exec.state !== 'queued' || exec.held || busy(id)) continue;
        if (exec.notBefore !== null && exec.notBefore > now) continue;
        yield id;
      }
    }
  }

  outcomes(wave: number): { succeeded: number; failed: number } {
    const w = this.tallies.waves[wave];
    return { succeeded: w?.succeeded ?? 0, failed: w?.failed ?? 0 };
  }

  /** Adds the job's next device (in position order). */
  add(exec: ExecutionSummary): void {
    tally(this.tallies, exec, 1);
    this.place(exec);
  }

  replace(before: ExecutionSummary, after: ExecutionSummary): void {
    tally(this.tallies, before, -1);
    tally(this.tallies, after, 1);
    if (before.state === 'unknown') this.unknown.delete(before.deviceId);
    if (after.state === 'unknown') this.unknown.add(after.deviceId);
    this.execs.set(after.deviceId, after);
    const requeued = after.state === 'queued' && (before.state !== 'queued' || (before.held && !after.held));
    if (requeued) this.ready[after.wave]!.push(after.deviceId);
  }

  /** Live progress only: not counted, not stored. */
  showProgress(exec: ExecutionSummary): void {
    this.execs.set(exec.deviceId, exec);
  }

  waves(run: JobRunState, hasCanary: boolean): WaveSummary[] {
    return waveSummaries(this.tallies.waves, run, hasCanary);
  }

  private place(exec: ExecutionSummary): void {
    this.execs.set(exec.deviceId, exec);
    this.positions.set(exec.deviceId, this.positions.size);
    while (this.ready.length <= exec.wave) this.ready.push(new ReadyQueue());
    if (exec.state === 'queued') this.ready[exec.wave]!.push(exec.deviceId);
    if (exec.state === 'unknown') this.unknown.add(exec.deviceId);
  }
}

/** A new job's execution, as the repository stores it at creation: queued, or skipped with the plan's reason. */
export function newExecution(d: NewExecution, at: number): ExecutionSummary {
  const queued = blankExecution(d.id, d.name, d.wave, at);
  if (!d.skip) return queued;
  return { ...queued, state: 'skipped', skipReason: d.skip.reason, message: d.skip.message, finishedAt: at };
}

/** A new job's summary, as the repository would read it back right after creating it. */
export function newJobSummary(
  id: JobId,
  spec: JobSpec,
  at: number,
  retryOf: JobId | null,
  executions: readonly ExecutionSummary[],
): JobSummary {
  const job: JobFacts = {
    id,
    name: spec.name,
    spec,
    state: 'scheduled',
    pauseReason: null,
    pauseMessage: null,
    currentWave: 0,
    retryOf,
    createdAt: at,
    startedAt: null,
    finishedAt: null,
  };
  return jobSummary(job, summarize(executions));
}
