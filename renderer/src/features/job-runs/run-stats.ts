import { type ExecutionCounts, type JobSummary } from '../../../../shared/domain/job';
import type { JobEta } from '../../../../shared/domain/job-eta';
import { formatDuration } from '../../components/format-duration';
import { TERMINAL_EXECUTION_STATES } from '../../../../shared/domain/job-rules';

export interface RunStats {
  /** Devices in a final state (skipped and canceled included). */
  finished: number;
  total: number;
  /** Devices worked to an outcome per minute, over the run so far; null before the first one. */
  perMinute: number | null;
}

const sum = (counts: ExecutionCounts, states: readonly (keyof ExecutionCounts)[]) =>
  states.reduce((n, s) => n + counts[s], 0);

/**
 * Throughput from the counts main reported. Only devices a step was run on count towards the pace: skips and
 * cancels finish at once and would make it look faster than it is. The time left is main's (`etaWords`).
 */
export function runStats(
  job: Pick<JobSummary, 'counts' | 'total' | 'startedAt' | 'finishedAt'>,
  now: number,
): RunStats {
  const finished = sum(job.counts, TERMINAL_EXECUTION_STATES);
  const worked = sum(job.counts, ['succeeded', 'failed', 'timed-out']);
  const elapsedMs = job.startedAt === null ? 0 : (job.finishedAt ?? now) - job.startedAt;
  const perMinute = worked > 0 && elapsedMs > 0 ? worked / (elapsedMs / 60_000) : null;
  return { finished, total: job.total, perMinute };
}

const devices = (n: number, what: string) => `${n} ${what} device${n === 1 ? '' : 's'}`;

/** The work part: counted down from when main estimated it. */
function workWords(eta: JobEta, since: number): string | null {
  if (eta.workMs === null) return 'time left known once the first devices finish';
  if (eta.workMs === 0) return null;
  const left = eta.workMs - since;
  if (left <= 0) return 'finishing the last devices';
  if (eta.stopsAt === 'pause') return `about ${formatDuration(left)} of work left once resumed`;
  if (eta.stopsAt === 'gate') return `about ${formatDuration(left)} left in this wave`;
  return `about ${formatDuration(left)} left`;
}

/**
 * Main's estimate in words, and what the run waits for that no pace predicts: "About 12 min left; waiting for
 * 3 offline devices, up to 58 min". Empty when main sent none (the run is not under way).
 */
export function etaWords(eta: JobEta | null | undefined, now: number): string {
  if (!eta) return '';
  const since = Math.max(0, now - eta.at);
  const work = workWords(eta, since);
  const parts = [work];
  if (eta.overdue > 0) parts.push(`${devices(eta.overdue, 'slow')} taking longer than any before`);
  if (eta.offline) {
    const upTo = formatDuration(Math.max(0, eta.offline.upToMs - since));
    parts.push(`waiting for ${devices(eta.offline.devices, 'offline')}, up to ${upTo}`);
  }
  if (eta.held > 0) parts.push(`${devices(eta.held, 'held')} waiting for you`);
  if (eta.stopsAt === 'gate') {
    parts.push(
      work ? 'then the gate waits for your click on “Next wave”' : 'waiting for your click on “Next wave”',
    );
  }
  const words = parts.filter((p) => p !== null).join('; ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
