import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { blankExecution, type ExecutionSummary, type JobId } from '../../../shared/domain/job';
import type { JobCommitted } from '../jobs/job-events';
import { VersionRecorder } from './version-recorder';

const jobId = 'job_versionrec1' as JobId;
const [a, b, c] = ['mac:000000000001', 'mac:000000000002', 'mac:000000000003'] as DeviceId[];
const exec = (id: DeviceId, patch: Partial<ExecutionSummary> = {}) => ({
  ...blankExecution(id, id, 0, 1),
  ...patch,
});
const commit = (executions: JobCommitted['executions']): JobCommitted => ({
  seq: 1,
  jobId,
  at: 1,
  created: null,
  job: null,
  executions,
});

function record(events: JobCommitted[]) {
  const calls: unknown[] = [];
  new VersionRecorder({
    takenIn: (job, ids, ended) => calls.push(['takenIn', job, ids, ended]),
    ended: (job, ids) => calls.push(['ended', job, ids]),
  }).inTransaction(events);
  return calls;
}

describe('VersionRecorder', () => {
  it('takes every new device in, the plan’s skipped ones as ended at once', () => {
    const calls = record([
      commit([
        { position: 0, before: null, after: exec(a!), event: 'created' },
        { position: 1, before: null, after: exec(b!, { state: 'skipped' }), event: 'created' },
      ]),
    ]);
    expect(calls).toEqual([['takenIn', jobId, [a, b], [b]]]);
  });

  it('records the end of a device when its state becomes an end state, not for other changes', () => {
    const running = exec(a!, { state: 'running' });
    const calls = record([
      commit([
        { position: 0, before: exec(a!), after: running, event: 'started' },
        { position: 0, before: running, after: exec(a!, { state: 'succeeded' }), event: 'step-succeeded' },
        {
          position: 1,
          before: exec(b!, { state: 'running' }),
          after: exec(b!, { state: 'queued' }),
          event: 'retry',
        },
        {
          position: 2,
          before: exec(c!, { state: 'failed' }),
          after: exec(c!, { state: 'failed' }),
          event: 'held',
        },
      ]),
    ]);
    expect(calls).toEqual([['ended', jobId, [a]]]);
  });
});
