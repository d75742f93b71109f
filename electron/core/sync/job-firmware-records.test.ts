import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobId, JobSpec } from '../../../shared/domain/job';
import { spec } from '../../../test-support/jobs/job-engine-test-kit';
import type { JobCommitted } from '../jobs/job-events';
import { newExecution } from '../jobs/run-ledger';
import { JobOutboxSubscriber } from './job-outbox-subscriber';
import type { NewSyncRecord } from './outbox';

const JOB = 'job_fw000001' as JobId;
const ids = ['mac:b1', 'mac:b2'] as DeviceId[];
const firmwareSpec = spec(ids, {}, [{ action: 'firmware-update', images: ['a'.repeat(64)] }]);

function ended(position: number, state: ExecutionSummary['state']): JobCommitted['executions'][number] {
  const before = newExecution({ id: ids[position]!, name: `Device ${position}`, wave: 0, skip: null }, 10);
  const after = { ...before, state, attempt: 1, finishedAt: 20, updatedAt: 20 };
  return { position, before, after, event: `step-${state}` };
}

function recordsFor(jobSpec: JobSpec, created: boolean): NewSyncRecord[] {
  const enqueued: NewSyncRecord[] = [];
  const subscriber = new JobOutboxSubscriber({
    outbox: { enqueue: (records) => enqueued.push(...records) },
    jobs: { find: () => ({ spec: jobSpec }) as never },
    wake: () => {},
    firmwareOf: (id) => (id === ids[0] ? '1.6.0' : '1.4.4'),
  });
  subscriber.inTransaction([
    {
      seq: 1,
      jobId: JOB,
      at: 20,
      created: created ? { spec: jobSpec, retryOf: null } : null,
      job: null,
      executions: [ended(0, 'succeeded'), ended(1, 'failed')],
    },
  ]);
  return enqueued;
}

const firmwareFields = (records: NewSyncRecord[]) =>
  records.map((r) => (r.body as { deviceId: string; firmware: unknown }).firmware);

describe('job.execution records of firmware updates (what hawkBit reports)', () => {
  it('carry the version a device runs after a succeeded firmware update, null for a failed one', () => {
    expect(firmwareFields(recordsFor(firmwareSpec, true))).toEqual([{ version: '1.6.0' }, null]);
  });

  it('know the job updates firmware after a restart too (spec read from the store)', () => {
    expect(firmwareFields(recordsFor(firmwareSpec, false))).toEqual([{ version: '1.6.0' }, null]);
  });

  it('carry no version for jobs without a firmware update', () => {
    expect(firmwareFields(recordsFor(spec(ids), true))).toEqual([null, null]);
  });
});
