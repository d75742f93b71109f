import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../../shared/domain/device';
import type { JobId } from '../../../../shared/domain/job';
import { spec } from '../../../../test-support/jobs/job-engine-test-kit';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../database';
import { JobRepository } from '../repositories/job-repository';

describe('migration 0006 (job announcements)', () => {
  it('keeps the latest announcement per device of a job and drops them with the job', () => {
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    const jobs = new JobRepository(db);
    const jobId = 'job_aaaaaaaa' as JobId;
    const [a, b] = ['mac:a8032ab12345', 'mac:a8032ab12346'] as DeviceId[];
    jobs.commit([
      {
        kind: 'create',
        jobId,
        spec: spec([a!, b!]),
        at: 1,
        state: 'running',
        retryOf: null,
        devices: [a!, b!].map((id) => ({ id, name: id, wave: 0, skip: null })),
      },
    ]);
    jobs.commit([{ kind: 'announce', jobId, deviceIds: [a!, b!], at: 5 }]);
    jobs.commit([{ kind: 'announce', jobId, deviceIds: [b!], at: 7 }]);
    expect(jobs.announcements(jobId)).toEqual(
      new Map([
        [a, 5],
        [b, 7],
      ]),
    );
    db.prepare('DELETE FROM jobs WHERE id = ?').run(jobId);
    expect(jobs.announcements(jobId).size).toBe(0);
    db.close();
  });
});
