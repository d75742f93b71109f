import { createStore, useStore } from 'zustand';
import type { ExecutionSummary, JobDetail, JobProgress, JobSummary } from '../../../shared/domain/job';

export interface JobsState {
  byId: Record<string, JobSummary>;
  /** Executions of jobs whose detail was loaded, by job id then device id, in the job's order. */
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

export function jobDetailLoaded(detail: JobDetail): void {
  const byDevice = Object.fromEntries(detail.executions.map((e) => [e.deviceId, e]));
  const { byId, executions } = jobsStore.getState();
  jobsStore.setState({
    byId: { ...byId, [detail.job.id]: detail.job },
    executions: {
      ...executions,
      [detail.job.id]: { byDevice, order: detail.executions.map((e) => e.deviceId) },
    },
  });
}

/** `jobs.progressed`: newer counts for the job and the executions that changed. */
export function jobProgressReceived(progress: JobProgress): void {
  const { byId, executions } = jobsStore.getState();
  const jobId = progress.job.id;
  const known = executions[jobId];
  const next = known
    ? {
        byDevice: {
          ...known.byDevice,
          ...Object.fromEntries(progress.executions.map((e) => [e.deviceId, e])),
        },
        order: known.order,
      }
    : undefined;
  jobsStore.setState({
    byId: { ...byId, [jobId]: progress.job },
    executions: next ? { ...executions, [jobId]: next } : executions,
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
