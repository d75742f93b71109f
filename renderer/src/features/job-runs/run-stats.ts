import {
  TERMINAL_EXECUTION_STATES,
  type ExecutionCounts,
  type JobSummary,
} from '../../../../shared/domain/job';

export interface RunStats {
  /** Devices in a final state (skipped and canceled included). */
  finished: number;
  total: number;
  /** Devices worked to an outcome per minute, over the run so far; null before the first one. */
  perMinute: number | null;
  /** Time left at that pace; null when nothing is left, the run is not moving, or the pace is unknown. */
  etaMs: number | null;
}

const sum = (counts: ExecutionCounts, states: readonly (keyof ExecutionCounts)[]) =>
  states.reduce((n, s) => n + counts[s], 0);

/**
 * Throughput and ETA, from the counts main reported. Only devices a step was run on count towards the pace:
 * skips and cancels finish at once and would make it look faster than it is.
 */
export function runStats(
  job: Pick<JobSummary, 'counts' | 'total' | 'state' | 'startedAt' | 'finishedAt'>,
  now: number,
): RunStats {
  const finished = sum(job.counts, TERMINAL_EXECUTION_STATES);
  const worked = sum(job.counts, ['succeeded', 'failed', 'timed-out']);
  const elapsedMs = job.startedAt === null ? 0 : (job.finishedAt ?? now) - job.startedAt;
  const perMinute = worked > 0 && elapsedMs > 0 ? worked / (elapsedMs / 60_000) : null;
  const left = job.total - finished;
  const isMoving = job.state === 'running';
  const etaMs = perMinute !== null && left > 0 && isMoving ? (left / perMinute) * 60_000 : null;
  return { finished, total: job.total, perMinute, etaMs };
}
