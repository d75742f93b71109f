import { describe, expect, it } from 'vitest';
import type { JobId, JobState, JobSummary } from '../../../shared/domain/job';
import { NO_CHANGES } from '../../../shared/domain/job-progress';
import type { EventSink } from '../ports';
import { isImageInUse, revokeOnJobEnd } from './job-hooks';
import { emptyCounts } from '../../../shared/domain/job-rules';

const IMG = 'f'.repeat(64);
const job = (state: JobState, images = [IMG]): JobSummary => ({
  id: 'job_aaaaaaaaaa' as JobId,
  name: 'j',
  state,
  pauseReason: null,
  pauseMessage: null,
  steps: [{ action: 'reboot' }, { action: 'firmware-update', images }],
  policy: null,
  concurrency: 1,
  total: 1,
  counts: emptyCounts(),
  waves: [],
  currentWave: 0,
  retryOf: null,
  createdAt: 1,
  startedAt: null,
  finishedAt: null,
});

describe('job hooks', () => {
  it('revokes a job when it reaches a terminal state, passing every event on', () => {
    const seen: string[] = [];
    const revoked: string[] = [];
    const sink: EventSink = { emit: (name) => void seen.push(name) };
    const wrapped = revokeOnJobEnd(sink, (id) => void revoked.push(id));
    wrapped.emit('jobs.progressed', { job: job('running'), seq: 0, changes: NO_CHANGES });
    wrapped.emit('jobs.progressed', { job: job('canceling'), seq: 0, changes: NO_CHANGES });
    wrapped.emit('jobs.progressed', { job: job('paused'), seq: 0, changes: NO_CHANGES });
    wrapped.emit('groups.changed', { groups: [] });
    expect(revoked).toEqual([]);
    for (const state of ['completed', 'canceled'] as const)
      wrapped.emit('jobs.progressed', { job: job(state), seq: 0, changes: NO_CHANGES });
    expect(revoked).toHaveLength(2);
    expect(seen).toHaveLength(6);
  });

  it('counts an image in use only while a job listing it has not ended', () => {
    expect(isImageInUse([job('running')], IMG)).toBe(true);
    expect(isImageInUse([job('canceling')], IMG)).toBe(true);
    expect(isImageInUse([job('paused')], IMG)).toBe(true);
    expect(isImageInUse([job('completed'), job('canceled')], IMG)).toBe(false);
    expect(isImageInUse([job('running', ['0'.repeat(64)])], IMG)).toBe(false);
  });
});
