import type { ExecutionState, ExecutionSummary, FailureReason, JobState } from '../../../shared/domain/job';
import { assertNever } from '../../../shared/util/assert-never';

/** The only place execution and job transitions are defined. Pure: (state, event) → state. */

export type ExecutionEvent =
  | { type: 'started'; at: number }
  | { type: 'step-succeeded'; at: number; totalSteps: number; result: string; artifactId?: string }
  | { type: 'failed'; at: number; reason: FailureReason; message: string }
  | { type: 'canceled'; at: number }
  | { type: 'interrupted'; at: number };

export type JobEvent = { type: 'cancel-requested' } | { type: 'drained' } | { type: 'interrupted' };

export class InvalidTransitionError extends Error {
  override name = 'InvalidTransitionError';
}

const TERMINAL_EXECUTION: ReadonlySet<ExecutionState> = new Set(['succeeded', 'failed', 'canceled']);
const TERMINAL_JOB: ReadonlySet<JobState> = new Set(['completed', 'canceled']);

export function isTerminalExecution(state: ExecutionState): boolean {
  return TERMINAL_EXECUTION.has(state);
}

export function isTerminalJob(state: JobState): boolean {
  return TERMINAL_JOB.has(state);
}

function invalid(from: string, event: { type: string }): never {
  throw new InvalidTransitionError(`no transition from ${from} on ${event.type}`);
}

export function reduceExecution(exec: ExecutionSummary, event: ExecutionEvent): ExecutionSummary {
  const at = event.at;
  switch (event.type) {
    case 'started':
      if (exec.state !== 'queued') invalid(exec.state, event);
      return { ...exec, state: 'running', stepIndex: 0, startedAt: at, updatedAt: at };
    case 'step-succeeded': {
      if (exec.state !== 'running') invalid(exec.state, event);
      const next = exec.stepIndex + 1;
      const outcome = {
        result: event.result,
        artifactId: event.artifactId ?? exec.artifactId,
        progress: null,
      };
      if (next < event.totalSteps) return { ...exec, ...outcome, stepIndex: next, updatedAt: at };
      return { ...exec, ...outcome, state: 'succeeded', finishedAt: at, updatedAt: at };
    }
    case 'failed':
      if (exec.state !== 'running') invalid(exec.state, event);
      return {
        ...exec,
        state: 'failed',
        reason: event.reason,
        message: event.message,
        finishedAt: at,
        updatedAt: at,
      };
    case 'canceled':
      if (exec.state !== 'queued' && exec.state !== 'running' && exec.state !== 'interrupted') {
        invalid(exec.state, event);
      }
      return { ...exec, state: 'canceled', finishedAt: at, updatedAt: at, progress: null };
    case 'interrupted':
      // Only a step in flight has an unknown outcome; queued work simply has not started.
      if (exec.state !== 'running') invalid(exec.state, event);
      return { ...exec, state: 'interrupted', updatedAt: at, progress: null };
    default:
      return assertNever(event, 'execution event');
  }
}

export function reduceJob(state: JobState, event: JobEvent): JobState {
  switch (event.type) {
    case 'cancel-requested':
      if (state !== 'running') invalid(state, event);
      return 'canceling';
    case 'drained':
      if (state === 'running') return 'completed';
      if (state === 'canceling') return 'canceled';
      return invalid(state, event);
    case 'interrupted':
      if (state === 'running') return 'interrupted';
      if (state === 'canceling') return 'canceled';
      return invalid(state, event);
    default:
      return assertNever(event, 'job event');
  }
}
