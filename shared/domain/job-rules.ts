import {
  ExecutionStateSchema,
  JobStateSchema,
  type ExecutionCounts,
  type ExecutionState,
  type ExecutionSummary,
  type FailureReason,
  type JobId,
  type JobSpec,
  type JobState,
  type JobSummary,
  type PauseReason,
  type WaveSummary,
} from './job';

/**
 * The rules every part of the app reads job and execution states by, defined once: the engine, both job
 * stores (the SQLite one builds its queries from these lists), the firmware hooks and the renderer.
 */

/** Execution states nothing happens after. */
export const TERMINAL_EXECUTION_STATES: readonly ExecutionState[] = [
  'succeeded',
  'failed',
  'timed-out',
  'skipped',
  'canceled',
];

/** Job states nothing happens after. */
export const TERMINAL_JOB_STATES: readonly JobState[] = ['completed', 'canceled'];

/** Job states of a job that is not over: it runs, waits to, or is on its way out (a process must own it). */
export const UNFINISHED_JOB_STATES: readonly JobState[] = JobStateSchema.options.filter(
  (s) => !TERMINAL_JOB_STATES.includes(s),
);

export function isTerminalExecution(state: ExecutionState): boolean {
  return TERMINAL_EXECUTION_STATES.includes(state);
}

export function isTerminalJob(state: JobState): boolean {
  return TERMINAL_JOB_STATES.includes(state);
}

export function isUnfinishedJob(state: JobState): boolean {
  return !isTerminalJob(state);
}

/** Work a wave still has: queued, running or being re-verified, and not held by the technician. */
export function isActiveExecution(e: Pick<ExecutionSummary, 'state' | 'held'>): boolean {
  return !e.held && (e.state === 'queued' || e.state === 'running' || e.state === 'unknown');
}

/** An outcome that counts as a failure (for wave gates and the abort threshold). */
export function isFailedExecution(state: ExecutionState): boolean {
  return state === 'failed' || state === 'timed-out';
}

export function emptyCounts(): ExecutionCounts {
  return Object.fromEntries(ExecutionStateSchema.options.map((s) => [s, 0])) as ExecutionCounts;
}

/** What one wave's executions add up to. */
export interface WaveTally {
  size: number;
  /** In a final state. */
  ended: number;
  /** See `isActiveExecution`. */
  active: number;
  succeeded: number;
  /** Failed or timed out. */
  failed: number;
}

/** Failed or timed-out executions per failure reason. */
export type FailureTallies = Partial<Record<FailureReason, number>>;

/** What a job's executions add up to. `waves[i]` is wave i (a wave with no device has size 0). */
export interface JobTallies {
  total: number;
  counts: ExecutionCounts;
  waves: WaveTally[];
  failedByReason: FailureTallies;
}

/** One execution's counted facts, or `n` alike at once (a storage query's group). */
export type ExecutionFacts = Pick<ExecutionSummary, 'state' | 'held' | 'wave' | 'reason'> & { n?: number };

export function emptyWaveTally(): WaveTally {
  return { size: 0, ended: 0, active: 0, succeeded: 0, failed: 0 };
}

/** The one summary of a job's executions: counts, per-wave tallies and failures per reason. Pure. */
export function summarize(executions: Iterable<ExecutionFacts>): JobTallies {
  const tallies: JobTallies = { total: 0, counts: emptyCounts(), waves: [], failedByReason: {} };
  for (const e of executions) tally(tallies, e, e.n ?? 1);
  return tallies;
}

/**
 * Adds (`sign` 1) or takes away (-1) `e` from `tallies`, in place: `summarize` is this over every execution,
 * and a run keeps its tallies up to date with it one transition at a time.
 */
export function tally(tallies: JobTallies, e: ExecutionFacts, sign: number): void {
  while (tallies.waves.length <= e.wave) tallies.waves.push(emptyWaveTally());
  const wave = tallies.waves[e.wave]!;
  tallies.total += sign;
  tallies.counts[e.state] += sign;
  wave.size += sign;
  if (isTerminalExecution(e.state)) wave.ended += sign;
  if (isActiveExecution(e)) wave.active += sign;
  if (e.state === 'succeeded') wave.succeeded += sign;
  if (isFailedExecution(e.state)) {
    wave.failed += sign;
    if (e.reason) tallies.failedByReason[e.reason] = (tallies.failedByReason[e.reason] ?? 0) + sign;
  }
}

/** The run facts a wave's state depends on. */
export interface WaveRunFacts {
  state: JobState;
  pauseReason: PauseReason | null;
  currentWave: number;
}

/**
 * A wave's state, from the run and the wave's own tallies (size, devices in a final state): done once the run
 * has moved past it; gated while the run waits at the gate after it (its devices have ended by then); done
 * when every device of it has ended or the run is over; pending while the run has not reached it; open
 * otherwise.
 */
export function waveState(
  index: number,
  run: WaveRunFacts,
  tally: Pick<WaveTally, 'size' | 'ended'>,
): WaveSummary['state'] {
  if (index < run.currentWave) return 'done';
  const isAtGate = run.state === 'paused' && run.pauseReason === 'wave-gate';
  if (index === run.currentWave && isAtGate) return 'gated';
  if (tally.ended >= tally.size || isTerminalJob(run.state)) return 'done';
  return index > run.currentWave ? 'pending' : 'open';
}

/** The waves as every screen shows them, from their tallies. */
export function waveSummaries(
  waves: readonly Pick<WaveTally, 'size' | 'ended'>[],
  run: WaveRunFacts,
  hasCanary: boolean,
): WaveSummary[] {
  return waves.map((w, index) => ({
    index,
    canary: index === 0 && hasCanary,
    size: w.size,
    state: waveState(index, run, w),
  }));
}

/** A job's own facts, as a store keeps them next to its executions. */
export interface JobFacts extends WaveRunFacts {
  id: JobId;
  name: string;
  /** Null when the stored spec no longer validates: shown without steps or policy. */
  spec: JobSpec | null;
  pauseMessage: string | null;
  retryOf: JobId | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** A job's summary from its facts and its executions' tallies: the one way every store builds it. */
export function jobSummary(job: JobFacts, tallies: JobTallies): JobSummary {
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    pauseReason: job.pauseReason,
    pauseMessage: job.pauseMessage,
    steps: job.spec?.steps ?? [],
    policy: job.spec?.policy ?? null,
    concurrency: job.spec?.policy.concurrency ?? 0,
    total: tallies.total,
    counts: tallies.counts,
    waves: waveSummaries(tallies.waves, job, !!job.spec?.policy.canary),
    currentWave: job.currentWave,
    retryOf: job.retryOf,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
