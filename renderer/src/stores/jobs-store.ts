import { createStore, useStore } from 'zustand';
import type { ExecutionSummary, JobDetail, JobProgress, JobSummary } from '../../../shared/domain/job';

export interface JobsState {
  byId: Record<string, JobSummary>;
  /** Executions by job id then device id, in the job's order (from `jobs.get`, else in order of arrival). */
  executions: Record<string, { byDevice: Record<string, ExecutionSummary>; order: string[] }>;
  selectedJobId: string | null;
}

export const jobsStore = createStore<JobsState>()(() => ({ byId: {}, executions: {}, selectedJobId: null }));

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
