import { describe, expect, it } from 'vitest';
import type { JobId, JobState, JobSummary } from '../../../shared/domain/job';
import type { EventSink } from '../ports';
import { isImageInUse, revokeOnJobEnd } from './job-hooks';

const IMG = 'f'.repeat(64);
const job = (state: JobState, images = [IMG]): JobSummary => ({
  id: 'job_aaaaaaaaaa' as JobId,
  name: 'j',
  state,
  steps: [{ action: 'reboot' }, { action: 'firmware-update', images }],
  concurrency: 1,
  total: 1,
  counts: { queued: 0, running: 0, succeeded: 0, failed: 0, canceled: 0, interrupted: 0 },
  createdAt: 1,
  finishedAt: null,
});

describe('job hooks', () => {
  it('revokes a job when it reaches a terminal state, passing every event on', () => {
    const seen: string[] = [];
    const revoked: string[] = [];
    const sink: EventSink = { emit: (name) => void seen.push(name) };
    const wrapped = revokeOnJobEnd(sink, (id) => void revoked.push(id));
    wrapped.emit('jobs.progressed', { job: job('running'), executions: [] });
    wrapped.emit('jobs.progressed', { job: job('canceling'), executions: [] });
    wrapped.emit('groups.changed', { groups: [] });
    expect(revoked).toEqual([]);
    for (const state of ['completed', 'canceled', 'interrupted'] as const)
      wrapped.emit('jobs.progressed', { job: job(state), executions: [] });
    expect(revoked).toHaveLength(3);
    expect(seen).toHaveLength(6);
  });

  it('counts an image in use only while a job listing it has not ended', () => {
    expect(isImageInUse([job('running')], IMG)).toBe(true);
    expect(isImageInUse([job('canceling')], IMG)).toBe(true);
    expect(isImageInUse([job('completed'), job('interrupted')], IMG)).toBe(false);
    expect(isImageInUse([job('running', ['0'.repeat(64)])], IMG)).toBe(false);
  });
});
