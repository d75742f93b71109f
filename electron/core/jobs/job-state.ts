import {
  type ExecutionState,
  type ExecutionSummary,
  type FailureReason,
  type JobState,
  type PauseReason,
  type SkipReason,
} from '../../../shared/domain/job';
import { isTerminalExecution, isTerminalJob } from '../../../shared/domain/job-rules';
import { assertNever } from '../../../shared/util/assert-never';

/** The only place execution and job transitions are defined. Pure: (state, event) → state. */

export type ExecutionEvent =
  | { type: 'started'; at: number }
  | { type: 'step-succeeded'; at: number; totalSteps: number; result: string; artifactId?: string }
  | {
      type: 'step-failed';
      at: number;
      reason: FailureReason;
      message: string;
      /** When to try again; null: no retry. Ignored once `maxAttempts` is reached. */
      retryAt: number | null;
      maxAttempts: number;
      /** Unreachable and out of retries: wait for the device instead of failing. */
      waitForDevice: boolean;
    }
  /** `message`: why, in the inventory's words (e.g. "offline (it stopped answering)"). */
  | { type: 'went-offline'; at: number; message?: string }
  | { type: 'came-online'; at: number }
  | { type: 'not-reached'; at: number; message: string }
  | { type: 'skipped'; at: number; reason: SkipReason; message: string }
  | { type: 'hold'; at: number; message?: string }
  | { type: 'release'; at: number }
  | { type: 'canceled'; at: number; message?: string }
  | { type: 'crashed'; at: number }
  /** Queued but announced (it may have been contacted) when the app died: re-verified as if in flight. */
  | { type: 'crashed-announced'; at: number; announcedAt: number }
  | { type: 'verified-done'; at: number; totalSteps: number; result: string }
  | { type: 'verified-not-applied'; at: number }
  | { type: 'verified-failed'; at: number; reason: FailureReason; message: string };

export type ExecutionEventType = ExecutionEvent['type'];

export class InvalidTransitionError extends Error {
  override name = 'InvalidTransitionError';
}

const HOLDABLE: ReadonlySet<ExecutionState> = new Set(['queued', 'waiting-offline', 'unknown']);

function invalid(from: string, event: { type: string }): never {
  throw new InvalidTransitionError(`no transition from ${from} on ${event.type}`);
}

function expect(exec: ExecutionSummary, event: ExecutionEvent, ...states: ExecutionState[]): void {
  if (!states.includes(exec.state)) invalid(exec.state, event);
}

function stepDone(
  exec: ExecutionSummary,
  at: number,
  totalSteps: number,
  result: string,
  artifactId: string | undefined,
): ExecutionSummary {
  const next = exec.stepIndex + 1;
  // A step that went through leaves no failure of an earlier attempt behind.
  const outcome = {
    result,
    artifactId: artifactId ?? exec.artifactId,
    reason: null,
    message: null,
    progress: null,
    updatedAt: at,
  };
  if (next < totalSteps) return { ...exec, ...outcome, state: 'running', stepIndex: next, attempt: 1 };
  return { ...exec, ...outcome, state: 'succeeded', finishedAt: at };
}

function end(
  exec: ExecutionSummary,
  at: number,
  state: ExecutionState,
  fields: Partial<ExecutionSummary> = {},
): ExecutionSummary {
  return {
    ...exec,
    ...fields,
    state,
    held: false,
    notBefore: null,
    progress: null,
    finishedAt: at,
    updatedAt: at,
  };
}

/**
 * What a crash means for one execution: a step in flight has an unknown outcome, and so has a queued device
 * announced after its row was last written (it may have been contacted). Anything else simply did not start.
 */
export function crashEvent(
  exec: ExecutionSummary,
  announcedAt: number | undefined,
  at: number,
): ExecutionEvent | null {
  if (exec.state === 'running') return { type: 'crashed', at };
  if (exec.state === 'queued' && !exec.held && announcedAt !== undefined && announcedAt >= exec.updatedAt) {
    return { type: 'crashed-announced', at, announcedAt };
  }
  return null;
}

export function reduceExecution(exec: ExecutionSummary, event: ExecutionEvent): ExecutionSummary {
  const at = event.at;
  switch (event.type) {
    case 'started':
      expect(exec, event, 'queued');
      if (exec.held) invalid('held', event);
      return {
        ...exec,
        state: 'running',
        attempt: exec.attempt + 1,
        notBefore: null,
        startedAt: exec.startedAt ?? at,
        updatedAt: at,
      };
    case 'step-succeeded':
      expect(exec, event, 'running');
      return stepDone(exec, at, event.totalSteps, event.result, event.artifactId);
    case 'step-failed': {
      expect(exec, event, 'running');
      const detail = { reason: event.reason, message: event.message, progress: null, updatedAt: at };
      if (event.retryAt !== null && exec.attempt < event.maxAttempts) {
        return { ...exec, ...detail, state: 'queued', notBefore: event.retryAt };
      }
      if (event.waitForDevice) return { ...exec, ...detail, state: 'waiting-offline', attempt: 0 };
      return end(exec, at, event.reason === 'timeout' ? 'timed-out' : 'failed', detail);
    }
    case 'went-offline':
      expect(exec, event, 'queued');
      return {
        ...exec,
        state: 'waiting-offline',
        notBefore: null,
        message: event.message ?? exec.message,
        updatedAt: at,
      };
    case 'came-online':
      expect(exec, event, 'waiting-offline');
      return { ...exec, state: 'queued', notBefore: null, updatedAt: at };
    case 'not-reached':
      expect(exec, event, 'waiting-offline');
      return end(exec, at, 'skipped', { skipReason: 'not-reached', message: event.message });
    case 'skipped':
      expect(exec, event, 'queued');
      return end(exec, at, 'skipped', { skipReason: event.reason, message: event.message });
    case 'hold':
      if (!HOLDABLE.has(exec.state) || exec.held) invalid(exec.held ? 'held' : exec.state, event);
      return { ...exec, held: true, message: event.message ?? exec.message, updatedAt: at };
    case 'release':
      if (!exec.held) invalid(exec.state, event);
      return { ...exec, held: false, updatedAt: at };
    case 'canceled':
      if (isTerminalExecution(exec.state)) invalid(exec.state, event);
      return end(exec, at, 'canceled', event.message ? { message: event.message } : {});
    case 'crashed':
      // Only a step in flight has an unknown outcome; queued work simply has not started.
      expect(exec, event, 'running');
      // updatedAt stays the moment the step was sent: re-verification compares the device's uptime with it.
      return { ...exec, state: 'unknown', progress: null };
    case 'crashed-announced':
      expect(exec, event, 'queued');
      if (exec.held) invalid('held', event);
      // As if started at the announcement, the earliest it can have been sent: verification compares with it.
      return {
        ...exec,
        state: 'unknown',
        attempt: exec.attempt + 1,
        notBefore: null,
        progress: null,
        updatedAt: event.announcedAt,
      };
    case 'verified-done':
      expect(exec, event, 'unknown');
      return stepDone({ ...exec, held: false }, at, event.totalSteps, event.result, undefined);
    case 'verified-not-applied':
      // The step never took effect: it may be sent again, as the same attempt.
      expect(exec, event, 'unknown');
      return { ...exec, state: 'queued', held: false, attempt: Math.max(0, exec.attempt - 1), updatedAt: at };
    case 'verified-failed':
      expect(exec, event, 'unknown');
      return end(exec, at, 'failed', { reason: event.reason, message: event.message });
    default:
      return assertNever(event, 'execution event');
  }
}

/** The job-level part of a run. */
export interface JobRunState {
  state: JobState;
  pauseReason: PauseReason | null;
  pauseMessage: string | null;
  currentWave: number;
}

export type JobEvent =
  | { type: 'begin' }
  | { type: 'pause'; reason: PauseReason; message: string }
  | { type: 'resume' }
  | { type: 'open-wave'; wave: number }
  | { type: 'cancel-requested' }
  | { type: 'drained' };

export function reduceJob(job: JobRunState, event: JobEvent): JobRunState {
  const running = { ...job, state: 'running' as const, pauseReason: null, pauseMessage: null };
  switch (event.type) {
    case 'begin':
      if (job.state !== 'scheduled') invalid(job.state, event);
      return running;
    case 'pause':
      if (job.state !== 'running' && job.state !== 'scheduled') invalid(job.state, event);
      return { ...job, state: 'paused', pauseReason: event.reason, pauseMessage: event.message };
    case 'resume':
      if (job.state !== 'paused') invalid(job.state, event);
      return running;
    case 'open-wave':
      if (event.wave !== job.currentWave + 1) invalid(`wave ${job.currentWave}`, event);
      if (job.state !== 'running' && job.state !== 'paused') invalid(job.state, event);
      return { ...running, currentWave: event.wave };
    case 'cancel-requested':
      if (job.state === 'canceling' || isTerminalJob(job.state)) invalid(job.state, event);
      return { ...job, state: 'canceling', pauseReason: null, pauseMessage: null };
    case 'drained':
      if (job.state === 'running') return { ...job, state: 'completed' };
      if (job.state === 'canceling') return { ...job, state: 'canceled' };
      return invalid(job.state, event);
    default:
      return assertNever(event, 'job event');
  }
}
