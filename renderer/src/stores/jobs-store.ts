import { createStore, useStore } from 'zustand';
import type {
  ExecutionSummary,
  JobDetail,
  JobId,
  JobLogEntry,
  JobState,
  JobSummary,
} from '../../../shared/domain/job';
import { applyChanges, isNewerChange, type JobProgress } from '../../../shared/domain/job-progress';
import type { JobSettings } from '../../../shared/domain/job-settings';
import { invoke } from '../api/client';

/** Lines of a job's log kept in memory; older ones stay in main's journal. */
export const MAX_LOG_LINES = 1_000;

export interface JobsState {
  byId: Record<string, JobSummary>;
  /**
   * Executions by job id then device id, from `jobs.get`; `order[position]` is the device at that position
   * in the job (progress names devices by position).
   */
  executions: Record<string, { byDevice: Record<string, ExecutionSummary>; order: string[] }>;
  /**
   * Per job whose executions are not loaded: the newest `seq` of progress whose changes could not be applied.
   * A `jobs.get` answer older than that is loaded again.
   */
  unapplied: Record<string, number>;
  /** The newest lines of each watched job's log, oldest first. */
  logs: Record<string, JobLogEntry[]>;
  selectedJobId: string | null;
  settings: JobSettings | null;
}

export const jobsStore = createStore<JobsState>()(() => ({
  byId: {},
  executions: {},
  unapplied: {},
  logs: {},
  selectedJobId: null,
  settings: null,
}));

export function jobsLoaded(jobs: readonly JobSummary[]): void {
  const byId = Object.fromEntries(jobs.map((j) => [j.id, j]));
  const { selectedJobId } = jobsStore.getState();
  const newest = [...jobs].sort((a, b) => b.createdAt - a.createdAt)[0];
  jobsStore.setState({ byId, selectedJobId: selectedJobId ?? newest?.id ?? null });
}

/**
 * `jobs.get`: the job with every execution, in position order. An execution a `jobs.progressed` event already
 * brought in newer or as new (the answer can be older than an event that overtook it; only events carry live
 * `progress`) is kept. When progress came for the job before it was loaded, with a `seq` above the answer's
 * (or the answer has none), the job loads again: those changes are not in this answer.
 */
export function jobDetailLoaded(detail: JobDetail): void {
  const { byId, executions, unapplied } = jobsStore.getState();
  const jobId = detail.job.id;
  const missed = unapplied[jobId];
  if (missed !== undefined) {
    const { [jobId]: _loaded, ...rest } = unapplied;
    jobsStore.setState({ unapplied: rest });
    if (detail.seq === undefined || missed > detail.seq) reloadSoon(jobId);
  }
  const known = executions[jobId]?.byDevice ?? {};
  const byDevice = Object.fromEntries(
    detail.executions.map((e) => {
      const seen = known[e.deviceId];
      return [e.deviceId, seen && isNewerChange(seen, e) ? seen : e];
    }),
  );
  jobsStore.setState({
    byId: { ...byId, [jobId]: detail.job },
    executions: { ...executions, [jobId]: { byDevice, order: detail.executions.map((e) => e.deviceId) } },
  });
}

/**
 * `jobs.progressed`: the job's newer summary and a delta of the executions that changed, applied by position
 * onto the loaded executions (per device the newest `updatedAt` wins: an event may cross a `jobs.get` answer).
 * A job whose executions are not loaded keeps only its summary (and the `seq`, see `unapplied`). A position
 * not known yet (devices added to a running job) loads the job again, once per `RELOAD_DELAY_MS`. Returns the
 * executions that changed.
 */
export function jobProgressReceived(progress: JobProgress): ExecutionSummary[] {
  const { byId, executions, unapplied } = jobsStore.getState();
  const jobId = progress.job.id;
  const known = executions[jobId];
  if (progress.changes.groups.length === 0) {
    jobsStore.setState({ byId: { ...byId, [jobId]: progress.job } });
    return [];
  }
  if (!known) {
    const seq = Math.max(unapplied[jobId] ?? 0, progress.seq);
    jobsStore.setState({
      byId: { ...byId, [jobId]: progress.job },
      unapplied: { ...unapplied, [jobId]: seq },
    });
    return [];
  }
  const at = (position: number) => {
    const deviceId = known.order[position];
    return deviceId === undefined ? undefined : known.byDevice[deviceId];
  };
  const { changed, hasUnknown } = applyChanges(at, progress.changes);
  const next: Partial<JobsState> = { byId: { ...byId, [jobId]: progress.job } };
  if (changed.length > 0) {
    const byDevice = { ...known.byDevice };
    for (const e of changed) byDevice[e.deviceId] = e;
    next.executions = { ...executions, [jobId]: { ...known, byDevice } };
  }
  jobsStore.setState(next);
  if (hasUnknown) reloadSoon(jobId);
  return changed;
}

/** How long a reload waits for more reasons to reload the same job (new members arrive in bursts). */
export const RELOAD_DELAY_MS = 250;
const reloads = new Map<string, ReturnType<typeof setTimeout>>();

/** Loads the job again with `jobs.get` after `RELOAD_DELAY_MS`, once however often it is asked meanwhile. */
function reloadSoon(jobId: JobId): void {
  if (reloads.has(jobId)) return;
  const load = () => {
    reloads.delete(jobId);
    invoke('jobs.get', { jobId }).then(jobDetailLoaded, () => {});
  };
  reloads.set(jobId, setTimeout(load, RELOAD_DELAY_MS));
}

/** A control command's answer: the job's new state (the rest arrives with the next `jobs.progressed`). */
export function jobControlled(jobId: string, reported: { state: JobState; currentWave?: number }): void {
  const { byId } = jobsStore.getState();
  const job = byId[jobId];
  if (!job) return;
  const pause = reported.state === 'paused' ? {} : { pauseReason: null, pauseMessage: null };
  jobsStore.setState({ byId: { ...byId, [jobId]: { ...job, ...pause, ...reported } } });
}

/** `jobs.controlDevice`: one device's execution as main now reports it (a device not loaded loads the job). */
export function executionReported(jobId: string, execution: ExecutionSummary): void {
  const { executions } = jobsStore.getState();
  const known = executions[jobId];
  if (!known) return;
  if (!known.byDevice[execution.deviceId]) return reloadSoon(jobId as JobId);
  jobsStore.setState({
    executions: {
      ...executions,
      [jobId]: { ...known, byDevice: { ...known.byDevice, [execution.deviceId]: execution } },
    },
  });
}

/** `jobs.log`: lines after the last one we have (a repeated poll adds nothing twice). */
export function jobLogReceived(jobId: string, entries: readonly JobLogEntry[]): void {
  const { logs } = jobsStore.getState();
  const known = logs[jobId] ?? [];
  const lastSeq = known.at(-1)?.seq ?? -1;
  const fresh = entries.filter((e) => e.seq > lastSeq);
  if (fresh.length === 0 && logs[jobId]) return;
  jobsStore.setState({ logs: { ...logs, [jobId]: [...known, ...fresh].slice(-MAX_LOG_LINES) } });
}

export function jobSettingsLoaded(settings: JobSettings): void {
  jobsStore.setState({ settings });
}

export function jobSelected(jobId: string | null): void {
  jobsStore.setState({ selectedJobId: jobId });
}

export function useJobList(): JobSummary[] {
  const byId = useStore(jobsStore, (s) => s.byId);
  return Object.values(byId).sort((a, b) => b.createdAt - a.createdAt);
}

export function useSelectedJobId(): string | null {
  return useStore(jobsStore, (s) => s.selectedJobId);
}

export function useJob(jobId: string | null): JobSummary | undefined {
  return useStore(jobsStore, (s) => (jobId ? s.byId[jobId] : undefined));
}

export function useJobExecutions(
  jobId: string | null,
): { byDevice: Record<string, ExecutionSummary>; order: string[] } | undefined {
  return useStore(jobsStore, (s) => (jobId ? s.executions[jobId] : undefined));
}

/** One device's execution in one job, live. */
export function useExecution(jobId: string | null, deviceId: string): ExecutionSummary | undefined {
  return useStore(jobsStore, (s) => (jobId ? s.executions[jobId]?.byDevice[deviceId] : undefined));
}

const NO_LINES: JobLogEntry[] = [];

export function useJobLog(jobId: string): JobLogEntry[] {
  return useStore(jobsStore, (s) => s.logs[jobId] ?? NO_LINES);
}

export function useJobSettings(): JobSettings | null {
  return useStore(jobsStore, (s) => s.settings);
}
