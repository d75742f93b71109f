import { createStore, useStore } from 'zustand';
import type {
  ExecutionSummary,
  JobDetail,
  JobLogEntry,
  JobProgress,
  JobState,
  JobSummary,
} from '../../../shared/domain/job';
import type { JobSettings } from '../../../shared/domain/job-settings';

/** Lines of a job's log kept in memory; older ones stay in main's journal. */
export const MAX_LOG_LINES = 1_000;

export interface JobsState {
  byId: Record<string, JobSummary>;
  /** Executions by job id then device id, in the job's order (from `jobs.get`, else in order of arrival). */
  executions: Record<string, { byDevice: Record<string, ExecutionSummary>; order: string[] }>;
  /** The newest lines of each watched job's log, oldest first. */
  logs: Record<string, JobLogEntry[]>;
  selectedJobId: string | null;
  settings: JobSettings | null;
}

export const jobsStore = createStore<JobsState>()(() => ({
  byId: {},
  executions: {},
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
 * `jobs.get`: the job with every execution. An execution a `jobs.progressed` event already brought in newer
 * (the answer can be older than an event that overtook it; only events carry live `progress`) is kept.
 */
export function jobDetailLoaded(detail: JobDetail): void {
  const { byId, executions } = jobsStore.getState();
  const known = executions[detail.job.id]?.byDevice ?? {};
  const byDevice = Object.fromEntries(
    detail.executions.map((e) => {
      const seen = known[e.deviceId];
      return [e.deviceId, seen && seen.updatedAt >= e.updatedAt ? seen : e];
    }),
  );
  jobsStore.setState({
    byId: { ...byId, [detail.job.id]: detail.job },
    executions: {
      ...executions,
      [detail.job.id]: { byDevice, order: detail.executions.map((e) => e.deviceId) },
    },
  });
}

/**
 * `jobs.progressed`: newer counts for the job and the executions that changed. Executions of a job not loaded
 * yet are kept too, so a job started a moment ago (a drawer action) shows its first progress at once.
 */
export function jobProgressReceived(progress: JobProgress): void {
  const { byId, executions } = jobsStore.getState();
  const jobId = progress.job.id;
  const known = executions[jobId] ?? { byDevice: {}, order: [] };
  const byDevice = { ...known.byDevice };
  const added: string[] = [];
  for (const e of progress.executions) {
    if (!byDevice[e.deviceId]) added.push(e.deviceId);
    byDevice[e.deviceId] = e;
  }
  const order = added.length === 0 ? known.order : [...known.order, ...added];
  jobsStore.setState({
    byId: { ...byId, [jobId]: progress.job },
    executions:
      progress.executions.length === 0 && !executions[jobId]
        ? executions
        : { ...executions, [jobId]: { byDevice, order } },
  });
}

/** A control command's answer: the job's new state (the rest arrives with the next `jobs.progressed`). */
export function jobControlled(jobId: string, reported: { state: JobState; currentWave?: number }): void {
  const { byId } = jobsStore.getState();
  const job = byId[jobId];
  if (!job) return;
  const pause = reported.state === 'paused' ? {} : { pauseReason: null, pauseMessage: null };
  jobsStore.setState({ byId: { ...byId, [jobId]: { ...job, ...pause, ...reported } } });
}

/** `jobs.controlDevice`: one device's execution as main now reports it. */
export function executionReported(jobId: string, execution: ExecutionSummary): void {
  const { executions } = jobsStore.getState();
  const known = executions[jobId];
  if (!known) return;
  const order = known.byDevice[execution.deviceId] ? known.order : [...known.order, execution.deviceId];
  jobsStore.setState({
    executions: {
      ...executions,
      [jobId]: { byDevice: { ...known.byDevice, [execution.deviceId]: execution }, order },
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
