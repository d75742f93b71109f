import type { DeviceId } from '../../../shared/domain/device';
import { isTerminalExecution } from '../../../shared/domain/job-rules';
import type { JobCommitted } from '../jobs/job-events';
import type { NewSyncRecord } from './outbox';

/** Payload schema version of job records (docs/sync-consumer.md). */
export const JOB_RECORD_SCHEMA = 1;

/** Who recorded a fact: the session's operator (null until named) and this computer's name. */
export interface RecordedBy {
  operator: string | null;
  host: string;
}

/**
 * The records one commit of one job yields (pure): a `job.state` record for its job-level transition
 * (id `job:<jobId>:<commit seq>`, commit numbers never repeat across restarts) and a `job.execution` record
 * per device that reached a terminal state in the commit (id `exec:<jobId>:<deviceId>:<attempt>:<state>`).
 * The ids are stable: the same fact always gets the same id, so the central side can dedup by it.
 * `installed` gives the firmware version a device runs after the job updated its firmware (null otherwise);
 * a succeeded execution carries it as `firmware: { version }` (hawkBit reports it), others `firmware: null`.
 * Every record says who recorded it (`operator`, `host`), as the audit log does.
 */
export function jobSyncRecords(
  event: JobCommitted,
  jobName: string | null,
  installed: (deviceId: DeviceId) => string | null = () => null,
  by: RecordedBy = { operator: null, host: '' },
): NewSyncRecord[] {
  const records: NewSyncRecord[] = [];
  const job = { jobId: event.jobId, jobName, operator: by.operator, host: by.host };
  if (event.job) {
    records.push({
      id: `job:${event.jobId}:${event.seq}`,
      kind: 'job.state',
      at: event.at,
      body: {
        schema: JOB_RECORD_SCHEMA,
        ...job,
        event: event.job.event,
        from: event.job.from,
        to: event.job.to,
        at: event.at,
        retryOf: event.created?.retryOf ?? null,
      },
    });
  }
  for (const { before, after } of event.executions) {
    if (!isTerminalExecution(after.state) || before?.state === after.state) continue;
    records.push({
      id: `exec:${event.jobId}:${after.deviceId}:${after.attempt}:${after.state}`,
      kind: 'job.execution',
      at: after.finishedAt ?? after.updatedAt,
      body: {
        schema: JOB_RECORD_SCHEMA,
        ...job,
        deviceId: after.deviceId,
        deviceName: after.deviceName,
        state: after.state,
        reason: after.reason,
        skipReason: after.skipReason,
        message: after.message,
        wave: after.wave,
        stepIndex: after.stepIndex,
        attempt: after.attempt,
        startedAt: after.startedAt,
        finishedAt: after.finishedAt,
        result: after.result,
        artifactId: after.artifactId,
        firmware: firmwareOf(after.state === 'succeeded' ? installed(after.deviceId) : null),
      },
    });
  }
  return records;
}

function firmwareOf(version: string | null): { version: string } | null {
  return version === null ? null : { version };
}
