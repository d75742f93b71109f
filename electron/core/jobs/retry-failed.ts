import type { ExecutionSummary, JobPolicy, JobSpec } from '../../../shared/domain/job';
import { DomainError } from '../errors';

const RETRYABLE_STATES: ReadonlySet<ExecutionSummary['state']> = new Set(['failed', 'timed-out']);

/** What a retry of an ended run would do: its spec, and the devices it takes again with how they ended. */
export interface RetryDraft {
  spec: JobSpec;
  previous: ExecutionSummary[];
}

/**
 * The retry of a run: the same steps over its failed, timed-out and not-reached devices, with the old policy
 * unless the technician changed it in the retry's own dry run. CONFLICT when nothing is left to retry.
 */
export function retryDraft(
  original: JobSpec,
  executions: readonly ExecutionSummary[],
  policy?: JobPolicy,
): RetryDraft {
  const previous = executions.filter((e) => RETRYABLE_STATES.has(e.state) || e.skipReason === 'not-reached');
  if (previous.length === 0) throw new DomainError('CONFLICT', 'no failed devices to retry');
  const spec: JobSpec = {
    ...original,
    name: `${original.name} (retry)`.slice(0, 120),
    targets: { deviceIds: previous.map((e) => e.deviceId), groupIds: [], includeNewMembers: false },
    policy: policy ?? original.policy,
  };
  return { spec, previous };
}
