import type { DeviceId } from '../../../shared/domain/device';
import {
  blankExecution,
  TERMINAL_EXECUTION_STATES,
  type ExecutionSummary,
  type FailureReason,
  type JobId,
  type JobSpec,
  type JobSummary,
  type SkipReason,
  type WaveSummary,
} from '../../../shared/domain/job';
import { waveState } from '../../../shared/domain/job-waves';
import { emptyCounts } from '../storage/repositories/job-repository';
import type { JobRunState } from './job-state';

const TERMINAL: ReadonlySet<ExecutionSummary['state']> = new Set(TERMINAL_EXECUTION_STATES);

/** Work a wave still has: what is queued, running or being re-verified, and not held. */
const isActive = (e: ExecutionSummary) =>
  !e.held && (e.state === 'queued' || e.state === 'running' || e.state === 'unknown');

/**
 * A run's executions in memory with the tallies the scheduler asks about on every transition (per wave: size,
 * active work, outcomes; failures per reason) and the ready queues, kept incrementally so no question scans
 * the whole job.
 */
export class RunLedger {
  private readonly execs = new Map<DeviceId, ExecutionSummary>();
  /** Each device's place in the job: executions are added in job order. */
  private readonly positions = new Map<DeviceId, number>();
  /** Devices ready to start, per wave, in job order; stale entries are dropped by the reader. */
  readonly ready: DeviceId[][] = [];
  private readonly activeByWave: number[] = [];
  private readonly sizeByWave: number[] = [];
  private readonly outcomesByWave: { succeeded: number; failed: number }[] = [];
  /** Devices in a final state, per wave. */
  private readonly endedByWave: number[] = [];
  readonly failedByReason: Partial<Record<FailureReason, number>> = {};
  /** Steps in flight at a crash, waiting to be re-verified. */
  readonly unknown = new Set<DeviceId>();

  get(id: DeviceId): ExecutionSummary | undefined {
    return this.execs.get(id);
  }

  has(id: DeviceId): boolean {
    return this.execs.has(id);
  }

  /** Devices in the job. */
  get size(): number {
    return this.positions.size;
  }

  positionOf(id: DeviceId): number {
    return this.positions.get(id)!;
  }

  values(): IterableIterator<ExecutionSummary> {
    return this.execs.values();
  }

  get waveCount(): number {
    return this.sizeByWave.length;
  }

  /** Active work in waves 0..wave. */
  activeUpTo(wave: number): number {
    return this.activeByWave.slice(0, wave + 1).reduce((a, b) => a + b, 0);
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
    return this.outcomesByWave[wave] ?? { succeeded: 0, failed: 0 };
  }

  /** Adds the job's next device (in position order). */
  add(exec: ExecutionSummary): void {
    this.execs.set(exec.deviceId, exec);
    this.positions.set(exec.deviceId, this.positions.size);
    while (this.sizeByWave.length <= exec.wave) {
      this.ready.push([]);
      this.activeByWave.push(0);
      this.sizeByWave.push(0);
      this.outcomesByWave.push({ succeeded: 0, failed: 0 });
      this.endedByWave.push(0);
    }
    if (exec.state === 'queued') this.ready[exec.wave]!.push(exec.deviceId);
    this.sizeByWave[exec.wave]! += 1;
    this.count(exec, 1);
  }

  replace(before: ExecutionSummary, after: ExecutionSummary): void {
    this.count(before, -1);
    this.execs.set(after.deviceId, after);
    this.count(after, 1);
    const requeued = after.state === 'queued' && (before.state !== 'queued' || (before.held && !after.held));
    if (requeued) this.ready[after.wave]!.push(after.deviceId);
  }

  /** Live progress only: not counted, not stored. */
  showProgress(exec: ExecutionSummary): void {
    this.execs.set(exec.deviceId, exec);
  }

  waves(run: JobRunState, hasCanary: boolean): WaveSummary[] {
    return this.sizeByWave.map((size, index) => ({
      index,
      canary: index === 0 && hasCanary,
      size,
      state: waveState(index, run, { size, ended: this.endedByWave[index]! }),
    }));
  }

  private count(exec: ExecutionSummary, sign: 1 | -1): void {
    if (exec.state === 'unknown') {
      if (sign > 0) this.unknown.add(exec.deviceId);
      else this.unknown.delete(exec.deviceId);
    }
    if (isActive(exec)) this.activeByWave[exec.wave]! += sign;
    if (TERMINAL.has(exec.state)) this.endedByWave[exec.wave]! += sign;
    const outcomes = this.outcomesByWave[exec.wave]!;
    if (exec.state === 'succeeded') outcomes.succeeded += sign;
    if (exec.state === 'failed' || exec.state === 'timed-out') {
      outcomes.failed += sign;
      if (exec.reason) this.failedByReason[exec.reason] = (this.failedByReason[exec.reason] ?? 0) + sign;
    }
  }
}

/** A new job's execution, as the repository stores it at creation: queued, or skipped with the plan's reason. */
export function newExecution(
  d: { id: DeviceId; name: string; wave: number; skip: { reason: SkipReason; message: string } | null },
  at: number,
): ExecutionSummary {
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
  const counts = emptyCounts();
  for (const e of executions) counts[e.state] += 1;
  return {
    id,
    name: spec.name,
    state: 'scheduled',
    pauseReason: null,
    pauseMessage: null,
    steps: spec.steps,
    policy: spec.policy,
    concurrency: spec.policy.concurrency,
    total: executions.length,
    counts,
    waves: [],
    currentWave: 0,
    retryOf,
    createdAt: at,
    startedAt: null,
    finishedAt: null,
  };
}
