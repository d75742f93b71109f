import { createStore, useStore } from 'zustand';
import type { ExecutionSummary, JobPlan, JobPolicy, JobSpec } from '../../../../shared/domain/job';

/** The retry's own dry run: what main planned for the policy as the technician left it. */
export interface RetryDraft {
  spec: JobSpec;
  previous: ExecutionSummary[];
  plan: JobPlan;
}

/** The "Retry failed" dialog of this window; nothing exists in main until the retry starts. */
export interface RetryState {
  jobId: string | null;
  draft: RetryDraft | null;
  /** The policy being edited, prefilled from the old run. */
  policy: JobPolicy | null;
  /** A dry run is on its way for the policy shown (Start waits for it). */
  isPlanning: boolean;
  error: string | null;
}

const initial: RetryState = { jobId: null, draft: null, policy: null, isPlanning: false, error: null };

export const retryStore = createStore<RetryState>()(() => initial);

export function retryOpened(jobId: string): void {
  retryStore.setState({ ...initial, jobId, isPlanning: true });
}

export function retryPlanned(draft: RetryDraft, isFirst: boolean): void {
  retryStore.setState((s) => ({
    draft,
    policy: isFirst ? draft.spec.policy : s.policy,
    isPlanning: false,
    error: null,
  }));
}

export function retryPolicyEdited(policy: JobPolicy): void {
  retryStore.setState({ policy, isPlanning: true });
}

export function retryRefused(error: string): void {
  retryStore.setState({ isPlanning: false, error });
}

export function retryClosed(): void {
  retryStore.setState(initial);
}

export function useRetry<T>(selector: (s: RetryState) => T): T {
  return useStore(retryStore, selector);
}
