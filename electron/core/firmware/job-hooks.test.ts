import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId, JobSpec, JobState } from '../../../shared/domain/job';
import { spec } from '../../../test-support/jobs/job-engine-test-kit';
import type { JobCommitted } from '../jobs/job-events';
import { FirmwareJobHooks } from './job-hooks';

const IMG = 'f'.repeat(64);
const OTHER = '0'.repeat(64);
const A = 'job_aaaaaaaaaa' as JobId;
const B = 'job_bbbbbbbbbb' as JobId;
const updating = (images = [IMG]): JobSpec =>
  spec(['mac:a1' as DeviceId], {}, [{ action: 'reboot' }, { action: 'firmware-update', images }]);

let seq = 0;
const committed = (jobId: JobId, over: Partial<JobCommitted>): JobCommitted => ({
  seq: ++seq,
  jobId,
  at: seq,
  created: null,
  job: null,
  executions: [],
  ...over,
});
const created = (jobId: JobId, s: JobSpec) =>
  committed(jobId, {
    created: { spec: s, retryOf: null },
    job: { event: 'created', from: null, to: 'scheduled' },
  });
const moved = (jobId: JobId, from: JobState, to: JobState) =>
  committed(jobId, { job: { event: to, from, to } });

describe('firmware job hooks', () => {
  it('revokes a job’s token once it leaves the unfinished states (completed or canceled), not on a pause', () => {
    const revoked: JobId[] = [];
    const hooks = new FirmwareJobHooks((id) => void revoked.push(id), []);
    hooks.committed([created(A, updating()), created(B, updating())]);
    hooks.committed([moved(A, 'scheduled', 'running'), moved(B, 'scheduled', 'running')]);
    hooks.committed([moved(A, 'running', 'paused'), moved(B, 'running', 'canceling')]);
    hooks.committed([committed(A, { executions: [] })]);
    expect(revoked).toEqual([]);
    hooks.committed([moved(B, 'canceling', 'canceled')]);
    expect(revoked).toEqual([B]);
    hooks.committed([moved(A, 'paused', 'running')]);
    hooks.committed([moved(A, 'running', 'completed')]);
    expect(revoked).toEqual([B, A]);
  });

  it('counts an image in use while a job listing it is unfinished, and not after', () => {
    const hooks = new FirmwareJobHooks(() => undefined, []);
    expect(hooks.isImageInUse(IMG)).toBe(false);
    hooks.committed([created(A, updating()), created(B, updating([OTHER]))]);
    expect(hooks.isImageInUse(IMG)).toBe(true);
    hooks.committed([moved(A, 'scheduled', 'paused')]);
    expect(hooks.isImageInUse(IMG)).toBe(true);
    hooks.committed([moved(A, 'paused', 'canceled')]);
    expect(hooks.isImageInUse(IMG)).toBe(false);
    expect(hooks.isImageInUse(OTHER)).toBe(true);
    hooks.committed([moved(B, 'running', 'completed')]);
    expect(hooks.isImageInUse(OTHER)).toBe(false);
  });

  it('counts the images of jobs found unfinished at start, until they end', () => {
    const hooks = new FirmwareJobHooks(
      () => undefined,
      [
        { id: A, spec: updating() },
        { id: B, spec: null },
      ],
    );
    expect(hooks.isImageInUse(IMG)).toBe(true);
    hooks.committed([moved(A, 'running', 'completed')]);
    expect(hooks.isImageInUse(IMG)).toBe(false);
  });
});
